"""Small helpers that make directory rows for tests; each takes only what a test cares about."""

from __future__ import annotations

from datetime import time
from typing import Any

from directory.models import Channel, OpeningHours, Organisation, Service, ServiceTopic, Source, Topic


def make_organisation(name: str = "Testorganisatie", **fields: Any) -> Organisation:
    return Organisation.objects.create(name=name, **fields)


def make_topic(slug: str = "self-harm", **fields: Any) -> Topic:
    names = {"name_nl": slug, "name_fr": slug, "name_en": slug} | fields
    return Topic.objects.get_or_create(slug=slug, defaults=names)[0]


def make_service(slug: str = "testlijn", **fields: Any) -> Service:
    organisation = fields.pop("organisation", None) or Organisation.objects.get_or_create(name="Testorganisatie")[0]
    values = {
        "name": slug.title(),
        "summary_nl": f"{slug} helpt je verder.",
        "status": Service.Status.PUBLISHED,
        "languages": ["nl"],
    } | fields
    service = Service.objects.create(slug=slug, organisation=organisation, **values)
    Source.objects.create(service=service, url=f"https://example.org/{slug}", source_date="2026-11")
    return service


def make_channel(service: Service, kind: str = "phone", value: str = "1813", **fields: Any) -> Channel:
    return Channel.objects.create(service=service, kind=kind, value=value, **fields)


def make_hours(channel: Channel, weekdays: range | list[int], opens: str, closes: str) -> None:
    for weekday in weekdays:
        OpeningHours.objects.create(
            channel=channel, weekday=weekday, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes)
        )


def link_topic(service: Service, slug: str, primary: bool = True) -> None:
    centrality = ServiceTopic.Centrality.PRIMARY if primary else ServiceTopic.Centrality.SECONDARY
    ServiceTopic.objects.create(service=service, topic=make_topic(slug), centrality=centrality)
