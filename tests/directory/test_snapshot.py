"""The snapshot is built from database rows, without model instances (it must stay fast at 10,000
services): it must hold exactly what the models' own `to_entry()` make of the same data. It looks at
the shared version token now and then, and at once after a change made in its own process."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.cache import cache

from directory import snapshot as snapshot_module
from directory.models import DIRECTORY_VERSION_KEY, Channel, HoursException, Service, publish_new_version
from directory.snapshot import build_catalog, forget_snapshot, snapshot


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


def test_a_version_published_elsewhere_is_seen_at_the_next_look_and_one_published_here_at_once(
    directory_data: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(snapshot_module.time, "monotonic", lambda: clock[0])
    forget_snapshot()
    first = snapshot()
    cache.set(DIRECTORY_VERSION_KEY, "published-by-another-server")  # as another app server does
    clock[0] += snapshot_module.VERSION_CHECK_SECONDS / 2
    assert snapshot() is first  # not looked at again yet: no cache read per call
    clock[0] += snapshot_module.VERSION_CHECK_SECONDS
    second = snapshot()
    assert second is not first
    assert second.version == "published-by-another-server"
    publish_new_version()  # this process's own change (directory_changed, once committed)
    assert snapshot() is not second  # at once, not at the next look
