"""Grow a database's directory to a number of published services by copying the real ones.

Not a test; run by bench/bench_http.py on the benchmark's own large database, never on yours:
    DATABASE_URL=... .venv/bin/python bench/grow.py 10000

Copies keep every fact of their original (topics, channels, hours, exceptions, sources) under a new
slug and name, so the large directory has the real one's mix of ages, topics and hours.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from directory.models import Channel, HoursException, OpeningHours, Service, ServiceTopic, Source  # noqa: E402

BATCH = 500


def grow(target: int) -> int:
    originals = list(
        Service.objects.published()
        .prefetch_related("channels__opening_hours", "channels__exceptions")
        .filter(slug__regex=r"^(?!.*-copy-)")
        .order_by("slug")
    )
    have = Service.objects.published().count()
    if not originals or have >= target:
        return have
    copies = itertools.cycle(originals)
    for start in range(have, target, BATCH):
        with transaction.atomic():
            batch = [(number, next(copies)) for number in range(start, min(start + BATCH, target))]
            made = Service.objects.bulk_create([copy_of(original, number) for number, original in batch])
            pairs = list(zip(made, (original for _, original in batch), strict=True))
            ServiceTopic.objects.bulk_create(
                ServiceTopic(service=copy, topic_id=link.topic_id, centrality=link.centrality)
                for copy, original in pairs
                for link in original.topic_links.all()
            )
            Source.objects.bulk_create(
                Source(service=copy, url=s.url, citation=s.citation, source_date=s.source_date)
                for copy, original in pairs
                for s in original.sources.all()
            )
            channel_pairs = [
                (Channel(**fields(channel, "id", "service"), service=copy), channel)
                for copy, original in pairs
                for channel in original.channels.all()
            ]
            Channel.objects.bulk_create(channel for channel, _ in channel_pairs)
            OpeningHours.objects.bulk_create(
                OpeningHours(**fields(slot, "id", "channel"), channel=channel)
                for channel, original in channel_pairs
                for slot in original.opening_hours.all()
            )
            HoursException.objects.bulk_create(
                HoursException(**fields(exception, "id", "channel"), channel=channel)
                for channel, original in channel_pairs
                for exception in original.exceptions.all()
            )
    return Service.objects.published().count()


def copy_of(original: Service, number: int) -> Service:
    copy = Service(**fields(original, "id", "slug", "name"))
    copy.slug = f"{original.slug}-copy-{number}"
    copy.name = f"{original.name} ({number})"
    return copy


def fields(row: object, *left_out: str) -> dict[str, object]:
    """The row's concrete field values by attribute name, without the ones left out."""
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields  # type: ignore[attr-defined]
        if field.name not in left_out
    }


if __name__ == "__main__":
    print(f"{grow(int(sys.argv[1]))} published services")
