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
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Q

from directory import hours
from directory import models as directory_models
from directory.entries import Catalog, ServiceEntry
from directory.models import (
    DIRECTORY_VERSION_KEY,
    Channel,
    HoursException,
    OpeningHours,
    Service,
    ServiceTopic,
    Source,
    Topic,
    channel_entry,
    channel_schedule,
    service_entry,
    source_entry,
    topic_link,
    verification_deadline,
)

# The fields `models.service_entry` and `models.channel_entry` read from a row.
SERVICE_FIELDS = (
    "id", "slug", "name", "name_fr", "name_en", "kind", "summary_nl", "summary_fr", "summary_en",
    "what_to_expect_nl", "what_to_expect_fr", "what_to_expect_en", "website", "minimum_age", "maximum_age",
    "languages", "free", "anonymous", "accepts_third_party", "takes_young_helpers", "first_step_for_young_people",
    "moderated_by", "description_nl", "description_fr", "description_en", "region", "age_note", "age_is_reading",
    "time_zone", "last_verified",
    "verification_note", "needs_verification", "organisation__name",
)  # fmt: skip
CHANNEL_FIELDS = (
    "id", "service_id", "kind", "value", "value_fr", "value_en", "label", "label_fr", "label_en", "region",
    "public_holidays",
)  # fmt: skip


def build_catalog(version: str = "") -> Catalog:
    """The published directory from the database: one query per table, and rows instead of model
    instances (at 10,000 services, instances and prefetches cost most of a minute), mapped by the
    same functions as the models' `to_entry()`."""
    topics = {topic.slug: topic.name_text() for topic in Topic.objects.all()}
    published = Q(status=Service.Status.PUBLISHED)
    rows = Service.objects.filter(published).order_by("slug").values_list(*SERVICE_FIELDS, named=True)
    links = grouped(
        ServiceTopic.objects.filter(service__status=Service.Status.PUBLISHED).values_list(
            "service_id", "topic__slug", "centrality"
        ),
        lambda row: topic_link(row[1], row[2]),
    )
    sources = grouped(
        Source.objects.filter(service__status=Service.Status.PUBLISHED).values_list(
            "service_id", "url", "citation", "source_date", named=True
        ),
        source_entry,
    )
    in_published = Q(channel__service__status=Service.Status.PUBLISHED)
    weekly = grouped(
        OpeningHours.objects.filter(in_published).values_list("channel_id", "weekday", "opens", "closes", "confidence"),
        lambda row: hours.WeeklySlot(weekday=row[1], opens=row[2], closes=row[3], confidence=row[4]),
    )
    exceptions = grouped(
        HoursException.objects.filter(in_published).values_list(
            "channel_id", "first_day", "last_day", "opens", "closes", named=True
        ),
        lambda row: row,
    )
    channels: dict[int, list[Any]] = {}
    for channel in Channel.objects.filter(service__status=Service.Status.PUBLISHED).values_list(
        *CHANNEL_FIELDS, named=True
    ):
        channels.setdefault(channel.service_id, []).append(channel)

    def entry(row: Any) -> ServiceEntry:
        deadline = verification_deadline(row.last_verified)
        return service_entry(
            row,
            organisation=row.organisation__name,
            topics=tuple(links.get(row.id, ())),
            channels=tuple(
                channel_entry(
                    channel,
                    channel_schedule(
                        channel.public_holidays,
                        row.time_zone,
                        tuple(weekly.get(channel.id, ())),
                        exceptions.get(channel.id, ()),
                        deadline,
                    ),
                )
                for channel in channels.get(row.id, ())
            ),
            sources=tuple(sources.get(row.id, ())),
        )

    return Catalog(
        services=tuple(entry(row) for row in rows),
        topic_slugs=frozenset(topics),
        topic_names=topics,
        version=version,
    )


def grouped[T](rows: Iterable[Any], make: Callable[[Any], T]) -> dict[int, list[T]]:
    """`make(row)` for each row, grouped by the row's first field (the parent's id), in row order."""
    groups: dict[int, list[T]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(make(row))
    return groups


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


# How often a process looks at the shared version token: a change made elsewhere reaches it within
# this (plus the rebuild), well within the second the README promises; its own changes at once.
# Looking on every call cost a cache read (a Redis round trip in production) per call, two per triage.
VERSION_CHECK_SECONDS = 0.25

_snapshot: Snapshot | None = None
_rebuild_lock = threading.Lock()
# When this process last looked at the shared token (time.monotonic()), and how many versions it
# had published itself by then.
_last_look: tuple[float, int] = (-VERSION_CHECK_SECONDS, -1)


def snapshot() -> Snapshot:
    """The current snapshot; rebuilt from the database only when the directory changed."""
    global _snapshot, _last_look
    current = _snapshot
    now = time.monotonic()
    published = directory_models.versions_published_here
    if current is not None and now - _last_look[0] < VERSION_CHECK_SECONDS and published == _last_look[1]:
        return current
    version = cache.get(DIRECTORY_VERSION_KEY)
    _last_look = (now, published)
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
