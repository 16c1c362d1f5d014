"""What to verify first: the services whose facts are most in doubt (how old and how uncertain).

    doubt = the sum of the points of doubt, each with its reason shown to the curator:
    never verified by a person here 3; verification past its deadline 2; due within a month 1;
    flagged "needs verification" 1; per channel: historical hours 2, hours from a secondary source
    1.5, from an undated official page 0.5, public holidays not known 0.5, a live channel (phone,
    chat, text, walk-in) without any weekly hours 1; no source 2, a single source 1.

The doubt is weighed by reach: a wrong fact matters more when many people are sent to it. Reach is
the share of a grid of answers (not user data) for which triage suggests the service first; the
directory may not import triage (tests/directory/test_layering.py), so the callable that computes it
is named by settings.DIRECTORY_SUGGESTED_FIRST (referral.suggest.suggested_first_shares) and
computed once per directory version, through the directory snapshot.

    risk = doubt x (1 + REACH_WEIGHT x reach)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Channel, Confidence, Service
from directory.snapshot import snapshot

LIVE_KINDS = {Channel.Kind.PHONE, Channel.Kind.CHAT, Channel.Kind.SMS, Channel.Kind.WHATSAPP, Channel.Kind.WALK_IN}
DUE_SOON = timedelta(days=30)
# A service suggested first for a quarter of the grid counts its doubt twice.
REACH_WEIGHT = 4.0

HOURS_DOUBTS = {
    Confidence.HISTORICAL: (2.0, gettext_lazy("historical hours (were true once)")),
    Confidence.SECONDARY: (1.5, gettext_lazy("hours from a secondary source, not confirmed")),
    Confidence.OFFICIAL_UNDATED: (0.5, gettext_lazy("hours from an undated official page")),
}


@dataclass(frozen=True)
class Doubt:
    points: float
    reason: str


@dataclass(frozen=True)
class QueueEntry:
    service: Service
    doubts: tuple[Doubt, ...]
    reach: float = 0.0  # the share of the grid's answers that suggest it first

    @property
    def doubt(self) -> float:
        return sum(d.points for d in self.doubts)

    @property
    def risk(self) -> float:
        return round(self.doubt * (1 + REACH_WEIGHT * self.reach), 1)

    @property
    def reach_percent(self) -> int:
        return round(self.reach * 100)


def stale_before() -> date:
    """Verifications older than this are past their deadline (VERIFICATION_STALE_AFTER_DAYS)."""
    return timezone.localdate() - timedelta(days=settings.VERIFICATION_STALE_AFTER_DAYS)


def doubts(service: Service, today: date) -> tuple[Doubt, ...]:
    """Why this service's facts may be wrong; reads channels, hours and sources through the caller's prefetch."""
    found: list[Doubt] = []
    if service.last_verified is None:
        found.append(Doubt(3, _("never verified by a person here")))
    elif service.last_verified < stale_before():
        days = (today - service.last_verified).days
        found.append(Doubt(2, _("verification past its deadline (%(days)d days old)") % {"days": days}))
    elif service.verified_until is not None and service.verified_until - today <= DUE_SOON:
        found.append(Doubt(1, _("verification due by %(date)s") % {"date": service.verified_until}))
    if service.needs_verification:
        found.append(Doubt(1, _("flagged: needs verification")))
    for channel in service.channels.all():
        label = f"{channel.get_kind_display()} {channel.value}"
        confidences = {row.confidence for row in channel.opening_hours.all()}
        for confidence, (points, reason) in HOURS_DOUBTS.items():
            if confidence in confidences:
                found.append(Doubt(points, f"{label}: {reason}"))
        if channel.public_holidays == Channel.PublicHolidays.UNKNOWN:
            found.append(Doubt(0.5, f"{label}: {_('public holidays not known')}"))
        if channel.kind in LIVE_KINDS and not confidences:
            found.append(Doubt(1, f"{label}: {_('no weekly hours known')}"))
    sources = len(service.sources.all())
    if sources == 0:
        found.append(Doubt(2, _("no source")))
    elif sources == 1:
        found.append(Doubt(1, _("a single source")))
    return tuple(found)


def suggested_first() -> dict[str, float]:
    """Each published service's reach (by slug), from the callable settings.DIRECTORY_SUGGESTED_FIRST
    names, once per directory version; empty when no such callable is set."""
    name = getattr(settings, "DIRECTORY_SUGGESTED_FIRST", "")
    return snapshot().derived(import_string(name)) if name else {}


def queue(services: QuerySet[Service]) -> list[QueueEntry]:
    """The services, riskiest first."""
    today = timezone.localdate()
    reach = suggested_first()
    entries = [
        QueueEntry(service=service, doubts=doubts(service, today), reach=reach.get(service.slug, 0.0))
        for service in services.prefetch_related("channels__opening_hours", "sources")
    ]
    return sorted(entries, key=lambda entry: (-entry.risk, -entry.reach, entry.service.name))


@dataclass(frozen=True)
class State:
    text: str  # "never verified", "stale: 400 days", "up to date"
    overdue: bool


def state(service: Service, today: date) -> State:
    """The verification state the list shows and the CSV export writes."""
    if service.last_verified is None:
        return State(_("never verified"), overdue=True)
    if service.last_verified < stale_before():
        return State(_("stale: %(days)d days") % {"days": (today - service.last_verified).days}, overdue=True)
    return State(_("up to date"), overdue=False)


def overdue(services: QuerySet[Service]) -> QuerySet[Service]:
    """Services never verified or past their verification deadline."""
    return services.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=stale_before()))


def by_organisation(services: Iterable[Service]) -> dict[int, list[Service]]:
    grouped: dict[int, list[Service]] = {}
    for service in services:
        grouped.setdefault(service.organisation_id, []).append(service)
    return grouped
