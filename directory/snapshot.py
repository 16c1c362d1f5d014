"""The published directory, held in memory per process as frozen values (directory/entries.py).

The read API and triage both read this snapshot instead of the database: a warm request makes no
query at all, and app servers keep answering while the database is briefly down. Every save or
delete of directory data bumps a version token in the cache (after the transaction commits, see
directory.models.directory_changed); a request that sees a new token rebuilds the snapshot once.
With a shared cache (Redis, see REDIS_URL) that reaches every app server; with the default
per-process cache, each process rebuilds on its own saves only, which is right for `make run` and
tests.

Readers that need more than the values (the ranking's index, the read API's lookups) ask
`Snapshot.derived(build)`: `build(catalog)` runs once per snapshot and its result lives and dies
with it, so nothing derived can outlive the data it came from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.cache import cache

from directory.entries import Catalog
from directory.models import DIRECTORY_VERSION_KEY, Service, Topic


def build_catalog(version: str = "") -> Catalog:
    """The published directory from the database, in a fixed number of queries."""
    topics = {topic.slug: topic.name_text() for topic in Topic.objects.all()}
    return Catalog(
        services=tuple(service.to_entry() for service in Service.objects.published().order_by("slug")),
        topic_slugs=frozenset(topics),
        topic_names=topics,
        version=version,
    )


@dataclass(frozen=True, slots=True, eq=False)
class Snapshot:
    version: str | None
    catalog: Catalog
    _derived: dict[Callable[[Catalog], Any], Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def derived[T](self, build: Callable[[Catalog], T]) -> T:
        """`build(self.catalog)`, computed once for this snapshot."""
        try:
            return cast(T, self._derived[build])
        except KeyError:
            pass
        with self._lock:
            if build not in self._derived:
                self._derived[build] = build(self.catalog)
            return cast(T, self._derived[build])


_snapshot: Snapshot | None = None
_rebuild_lock = threading.Lock()


def snapshot() -> Snapshot:
    """The current snapshot; rebuilt from the database only when the directory changed."""
    global _snapshot
    version = cache.get(DIRECTORY_VERSION_KEY)
    current = _snapshot
    if current is not None and current.version == version:
        return current
    with _rebuild_lock:
        if _snapshot is None or _snapshot.version != version:
            _snapshot = Snapshot(version=version, catalog=build_catalog(version or ""))
        return _snapshot


def forget_snapshot() -> None:
    """Drop this process's snapshot (tests, and after loading fixtures into a running process)."""
    global _snapshot
    _snapshot = None
