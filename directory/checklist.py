"""The list of services as a CSV file for checking offline: one row per channel (what someone
calls or opens), with the service's verification state and the certainty and sources of its hours.

Plain `csv`: the admin action writes the rows the curator selected, nothing more is needed.
A UTF-8 byte order mark goes first so spreadsheet programs read the accents right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from directory import verification
from directory.models import Channel, Confidence, Service


def header() -> list[str]:
    return [
        _("service"),
        _("organisation"),
        _("status"),
        _("verification"),
        _("last verified"),
        _("verified how"),
        _("needs verification"),
        _("channel"),
        _("address"),
        _("label (Dutch)"),
        _("weekly opening hours"),
        _("hours certainty"),
        _("on Belgian public holidays"),
        _("date exceptions"),
        _("hours note"),
        _("sources (date)"),
    ]


def rows(services: QuerySet[Service], today: date) -> Iterator[list[str]]:
    """One row per channel; a service without channels still gets one row."""
    prefetched = services.select_related("organisation").prefetch_related(
        "channels__opening_hours", "channels__exceptions", "sources"
    )
    for service in prefetched:
        state = verification.state(service, today)
        about = [
            service.name,
            service.organisation.name,
            service.get_status_display(),
            state.text,
            f"{service.last_verified:%Y-%m-%d}" if service.last_verified else "",
            service.get_verification_method_display(),
            _("yes") if service.needs_verification else _("no"),
        ]
        sources = " | ".join(
            f"{source.url or source.citation} ({source.source_date or _('undated')})"
            for source in service.sources.all()
        )
        channels: Iterable[Channel | None] = service.channels.all() or [None]
        for channel in channels:
            yield [*about, *describe_channel(channel), sources]


def describe_channel(channel: Channel | None) -> list[str]:
    if channel is None:
        return [""] * 8
    weekly = list(channel.opening_hours.all())
    certainty = sorted({str(Confidence(slot.confidence).label) for slot in weekly})
    return [
        channel.get_kind_display(),
        channel.value,
        channel.label,
        "; ".join(str(slot) for slot in weekly),
        "; ".join(certainty) if weekly else _("no weekly hours known"),
        channel.get_public_holidays_display(),
        "; ".join(f"{row}{f' ({row.reason})' if row.reason else ''}" for row in channel.exceptions.all()),
        channel.hours_note,
    ]


def as_csv(services: QuerySet[Service], today: date) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header())
    writer.writerows(rows(services, today))
    return out.getvalue()
