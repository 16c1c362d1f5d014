"""The read API's answers, made from the in-memory snapshot: a warm request makes no query.

- `Listing`, derived once per snapshot: the services in list order (name, then slug), by slug,
  lowered texts for `q`, a digest of the directory for ETags, and per language the parts of each
  service's JSON that do not depend on the moment.
- `Openness`: each service's channels as JSON with their openness at one minute. Opening hours are
  whole minutes, so a channel's openness is the same for every moment of a minute: it is computed
  once per minute and shared by every request in that minute (and, for `open_at`, by every request
  that asks about the same minute). Kept for the last MINUTES_KEPT minutes asked, per snapshot;
  keyed by the minute only, never by anything else a request carries.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from directory.entries import Catalog, ServiceEntry, read_marked
from directory.serializers import channel_openness, channel_texts, worded

MINUTES_KEPT = 32


@dataclass(frozen=True, slots=True, eq=False)
class ServiceState:
    """A service's channels as JSON at one minute, and whether any of them is open."""

    channels: list[dict[str, Any]]
    open_now: bool


class MinuteStates:
    """The services' channel states at one minute, each computed on first use."""

    def __init__(self, minute: datetime) -> None:
        self.minute = minute
        self._states: dict[tuple[str, str], ServiceState] = {}
        self._openness: dict[str, list[dict[str, Any]]] = {}

    def of(self, service: ServiceEntry, language: str) -> ServiceState:
        # Per language too: a channel's label and walk-in place are read in the asked language.
        # Openness once per minute for every language; the texts per language.
        key = (service.slug, language)
        state = self._states.get(key)
        if state is None:
            openness = self._openness.get(service.slug)
            if openness is None:
                openness = self._openness[service.slug] = [
                    channel_openness(channel, self.minute) for channel in service.channels
                ]
            channels = [
                channel_texts(channel, language) | worded(part, language)
                for channel, part in zip(service.channels, openness, strict=True)
            ]
            state = ServiceState(channels=channels, open_now=any(channel["open_now"] for channel in channels))
            self._states[key] = state
        return state


@dataclass(frozen=True, slots=True, eq=False)
class Listing:
    services: tuple[ServiceEntry, ...]  # in list order: name, then slug
    by_slug: Mapping[str, ServiceEntry]
    haystacks: Mapping[str, tuple[str, ...]]  # slug -> casefolded name and summaries, for `q`
    digest: str  # changes whenever anything published changes: the base of the ETags
    _static: dict[str, dict[str, tuple[dict[str, Any], dict[str, Any]]]] = field(default_factory=dict)
    _minutes: OrderedDict[tuple[datetime, timedelta | None], MinuteStates] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def at(self, moment: datetime) -> MinuteStates:
        """The channel states of the minute `moment` falls in.

        Kept with the moment's offset too: the upcoming date exceptions start from its date."""
        minute = moment.replace(second=0, microsecond=0)
        key = (minute, minute.utcoffset())  # equal datetimes in other offsets are other keys
        with self._lock:
            states = self._minutes.get(key)
            if states is None:
                states = self._minutes[key] = MinuteStates(minute)
                while len(self._minutes) > MINUTES_KEPT:
                    self._minutes.popitem(last=False)
            else:
                self._minutes.move_to_end(key)
            return states

    def data(self, service: ServiceEntry, language: str, states: MinuteStates, *, detail: bool) -> dict[str, Any]:
        """The service as the read API shows it, in `language`, with its channels at the minute."""
        parts = self._static.get(language)
        if parts is None:
            parts = self._static.setdefault(language, {})
        static = parts.get(service.slug)
        if static is None:
            static = parts[service.slug] = static_parts(service, language)
        head, tail = static
        state = states.of(service, language)
        data = {**head, "open_now": state.open_now, "channels": state.channels, "last_verified": tail["last_verified"]}
        if detail:
            data.update(tail)
        return data


def listing(catalog: Catalog) -> Listing:
    """Prepare a snapshot for the read API (use as `snapshot().derived(listing)`)."""
    services = tuple(sorted(catalog.services, key=lambda service: (service.name, service.slug)))
    return Listing(
        services=services,
        by_slug={service.slug: service for service in services},
        haystacks={
            service.slug: tuple(
                text.casefold()
                for text in (service.name, service.summary.nl, service.summary.fr, service.summary.en)
                if text
            )
            for service in services
        },
        digest=hashlib.sha256(repr((catalog.services, sorted(catalog.topic_slugs))).encode()).hexdigest()[:20],
    )


def static_parts(service: ServiceEntry, language: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields before `open_now` in the list, and those only the detail adds (plus last_verified)."""
    head = {
        "slug": service.slug,
        "name": service.name,
        "organisation": service.organisation,
        "kind": service.kind,
        "summary": read_marked(service.summary, language),
        "url": service.url,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "topics": [link.slug for link in service.topics],
        "languages": list(service.languages),
        "free": service.free,
        "anonymous": service.anonymous,
        "accepts_third_party": service.accepts_third_party,
        "region": service.region,
    }
    tail = {
        "last_verified": service.last_verified.isoformat() if service.last_verified else None,
        "description": read_marked(service.description, language),
        "what_to_expect": read_marked(service.what_to_expect, language),
        "age_note": service.age_note,
        "time_zone": service.time_zone,
        "sources": [
            {"url": source.url, "citation": source.citation, "source_date": source.source_date}
            for source in service.sources
        ],
        "verification_note": service.verification_note,
        "needs_verification": service.needs_verification,
    }
    return head, tail
