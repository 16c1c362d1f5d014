"""The one glue module: the published directory in the database -> frozen values -> ranking.

Triage reads an in-memory snapshot of the published directory instead of the database: a warm
request makes no query at all, and app servers keep answering while the database is briefly
down. Every save or delete of directory data bumps a version token in the cache (after the
transaction commits, see directory.models.directory_changed); a request that sees a new token
rebuilds the snapshot once. With a shared cache (Redis, see REDIS_URL) that reaches every app
server; with the default per-process cache, each process rebuilds on its own saves only, which
is right for `make run` and tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from directory.models import DIRECTORY_VERSION_KEY, Channel, Service, Topic
from referral.catalog import Catalog, ChannelEntry, ServiceEntry, Text, TopicLink
from referral.messages import name_topics
from referral.ranking import CatalogIndex, Ranking, index_catalog, rank
from referral.triage import Answers


def channel_entry(channel: Channel, time_zone: str) -> ChannelEntry:
    return ChannelEntry(
        kind=channel.kind,
        value=channel.value,
        href=channel.href,
        label=channel.label,
        schedule=channel.schedule(time_zone),
    )


def service_entry(service: Service) -> ServiceEntry:
    return ServiceEntry(
        slug=service.slug,
        name=service.name,
        organisation=service.organisation.name,
        kind=service.kind,
        summary=Text(service.summary_nl, service.summary_fr, service.summary_en),
        what_to_expect=Text(service.what_to_expect_nl, service.what_to_expect_fr, service.what_to_expect_en),
        url=service.website,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        topics=tuple(
            TopicLink(slug=link.topic.slug, primary=link.centrality == link.Centrality.PRIMARY)
            for link in service.topic_links.all()
        ),
        languages=tuple(service.languages),
        free=service.free,
        anonymous=service.anonymous,
        accepts_third_party=service.accepts_third_party,
        channels=tuple(channel_entry(channel, service.time_zone) for channel in service.channels.all()),
        first_step_for_young_people=service.first_step_for_young_people,
    )


def build_catalog(version: str = "") -> Catalog:
    topics = {topic.slug: Text(topic.name_nl, topic.name_fr, topic.name_en) for topic in Topic.objects.all()}
    return Catalog(
        services=tuple(service_entry(service) for service in Service.objects.published().order_by("slug")),
        topic_slugs=frozenset(topics),
        topic_names=topics,
        version=version,
    )


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: str | None
    catalog: Catalog
    index: CatalogIndex


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
            catalog = build_catalog(version or "")
            _snapshot = Snapshot(version=version, catalog=catalog, index=index_catalog(catalog))
        return _snapshot


def forget_snapshot() -> None:
    """Drop this process's snapshot (tests, and after loading fixtures into a running process)."""
    global _snapshot
    _snapshot = None


def suggest(answers: Answers, at: datetime) -> Ranking:
    """The ranking for these answers, with its topics named in the answers' language."""
    current = snapshot()
    return name_topics(rank(answers, current.index, at), current.catalog.topic_names, answers.language)
