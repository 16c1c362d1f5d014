"""The snapshot is built from database rows, without model instances (it must stay fast at 10,000
services): it must hold exactly what the models' own `to_entry()` make of the same data."""

from __future__ import annotations

from datetime import date, time

from directory.models import Channel, HoursException, Service
from directory.snapshot import build_catalog


def test_the_snapshot_holds_what_the_models_map_to(directory_data: None) -> None:
    # A date exception with hours and a closed one, so the rows' exceptions are compared too.
    channel = Channel.objects.filter(service__status=Service.Status.PUBLISHED, opening_hours__isnull=False).first()
    assert channel is not None
    HoursException.objects.create(channel=channel, first_day=date(2026, 12, 24), last_day=date(2026, 12, 24))
    HoursException.objects.create(
        channel=channel, first_day=date(2026, 12, 31), last_day=date(2026, 12, 31), opens=time(10), closes=time(14)
    )
    Service.objects.filter(slug=channel.service.slug).update(last_verified=date(2026, 11, 1))
    published = tuple(service.to_entry() for service in Service.objects.published().order_by("slug"))

    built = build_catalog().services

    assert built == published
    assert any(entry.channels and entry.channels[0].schedule for entry in built)
    assert len(built) == Service.objects.filter(status=Service.Status.PUBLISHED).count()
