"""The read API's answers, made from the in-memory snapshot: a warm request makes no query.

- `Listing`, derived once per snapshot: the services in list order (name, then slug), by slug,
  lowered texts for `q`, a digest of the directory for ETags, and per language the parts of each
  service's JSON that do not depend on the moment.
- Openness per minute: opening hours are whole minutes, so a channel's openness is the same for
  every moment of a minute. `OpennessByMinute` asks the hours engine once per schedule and minute
  and shares the answer with every request in that minute (the read API and triage alike; for
  `open_at`, every request that asks about the same minute); `MinuteStates` does the same for the
  channels' JSON. Both keep the last MINUTES_KEPT minutes asked, per snapshot, keyed by the minute
  only: never by anything else a request carries.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from directory import hours
from directory.entries import MAXIMUM_AGE, MINIMUM_AGE, Catalog, ServiceEntry, read_marked
from directory.serializers import channel_openness, channel_texts, worded

MINUTES_KEPT = 32


@dataclass(frozen=True, slots=True, eq=False)
class ServiceState:
    """A service's channels as JSON at one minute, and whether any of them is open."""

    channels: list[dict[str, Any]]
    open_now: bool


class SharedParts:
    """Parts of answers made from the directory alone (a channel's JSON with its "when", a
    service's brief), each made once and then shared by every answer that shows it.

    Keyed by a kind of part, a language and a value of the snapshot: never by anything a request
    carries. Each value is kept with its part, so its id is never reused while the part lives.
    The parts are shared: nobody may change one.
    """

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str, int], tuple[object, Any]] = {}

    def get[T](self, kind: str, language: str, value: object, make: Callable[[], T]) -> T:
        found = self._parts.get((kind, language, id(value)))
        if found is None:
            found = self._parts[(kind, language, id(value))] = (value, make())
        return cast(T, found[1])


class MinuteOpenness:
    """The hours engine's answers for every schedule at one minute (openness and how sure it is),
    each computed on first use, and the parts of answers made from them (`parts`)."""

    def __init__(self, minute: datetime) -> None:
        self.minute = minute
        # By id: the schedules live in the snapshot, as long as this does.
        self._known: dict[int, hours.Openness] = {}
        self._sureness: dict[int, hours.Certainty] = {}
        self.parts = SharedParts()
        # What the ranking (referral.ranking) derives from the directory at this minute alone.
        self.ranking: dict[int, Any] = {}

    def __call__(self, schedule: hours.Schedule) -> hours.Openness:
        state = self._known.get(id(schedule))
        if state is None:
            state = self._known[id(schedule)] = hours.openness(schedule, self.minute)
        return state

    def certainty(self, schedule: hours.Schedule) -> hours.Certainty:
        sureness = self._sureness.get(id(schedule))
        if sureness is None:
            sureness = self._sureness[id(schedule)] = hours.certainty(schedule, self.minute)
        return sureness


class LastMinutes[T]:
    """A value per minute for the last MINUTES_KEPT minutes asked; `make(minute)` builds one."""

    def __init__(self, make: Callable[[datetime], T]) -> None:
        self._make = make
        self._minutes: OrderedDict[tuple[datetime, timedelta | None], T] = OrderedDict()
        self._lock = threading.Lock()

    def at(self, moment: datetime) -> T:
        """The value of the minute `moment` falls in. Kept with the moment's offset too, as the
        channels' JSON lists the date exceptions from the moment's date on."""
        minute = moment.replace(second=0, microsecond=0)
        key = (minute, minute.utcoffset())  # equal datetimes in other offsets are other keys
        with self._lock:
            value = self._minutes.get(key)
            if value is None:
                value = self._minutes[key] = self._make(minute)
                while len(self._minutes) > MINUTES_KEPT:
                    self._minutes.popitem(last=False)
            else:
                self._minutes.move_to_end(key)
            return value


class MinuteStates:
    """The services' channel states at one minute, each computed on first use."""

    def __init__(self, minute: datetime, openness: MinuteOpenness) -> None:
        self.minute = minute
        self.openness = openness
        self._states: dict[tuple[str, str], ServiceState] = {}
        self._parts: dict[str, list[dict[str, Any]]] = {}

    def of(self, service: ServiceEntry, language: str) -> ServiceState:
        # Per language too: a channel's label and walk-in place are read in the asked language.
        # Openness once per minute for every language; the texts per language.
        key = (service.slug, language)
        state = self._states.get(key)
        if state is None:
            openness = self._parts.get(service.slug)
            if openness is None:
                openness = self._parts[service.slug] = [
                    channel_openness(channel, self.minute, self.openness(schedule), self.openness.certainty(schedule))
                    if (schedule := channel.schedule) is not None
                    else channel_openness(channel, self.minute)
                    for channel in service.channels
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
    # Bit i stands for services[i]: the filters that need no moment combine these, so a request
    # looks only at the services that pass them (a loop over 10,000 services cost 60 ms).
    everyone: int = 0
    by_facet: Mapping[tuple[str, object], int] = field(default_factory=dict)  # ("topic", slug) -> mask
    by_age: tuple[int, ...] = ()  # age MINIMUM_AGE..MAXIMUM_AGE -> services that accept it
    _static: dict[str, dict[str, tuple[dict[str, Any], dict[str, Any]]]] = field(default_factory=dict)
    openness: LastMinutes[MinuteOpenness] = field(default_factory=lambda: LastMinutes(MinuteOpenness))
    _states: LastMinutes[MinuteStates] = field(init=False)

    def __post_init__(self) -> None:
        states = LastMinutes(lambda minute: MinuteStates(minute, self.openness.at(minute)))
        object.__setattr__(self, "_states", states)

    def members(self, mask: int) -> list[ServiceEntry]:
        """The services of a mask, in list order."""
        found = []
        while mask:
            lowest = mask & -mask
            found.append(self.services[lowest.bit_length() - 1])
            mask ^= lowest
        return found

    def at(self, moment: datetime) -> MinuteStates:
        """The channel states of the minute `moment` falls in."""
        return self._states.at(moment)

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
        everyone=(1 << len(services)) - 1,
        by_facet=facet_masks(services),
        by_age=tuple(
            mask_of(position for position, service in enumerate(services) if service.accepts_age(age))
            for age in range(MINIMUM_AGE, MAXIMUM_AGE + 1)
        ),
    )


def facet_masks(services: tuple[ServiceEntry, ...]) -> dict[tuple[str, object], int]:
    """For each value of each filter that needs no moment, the services that have it."""
    positions: dict[tuple[str, object], list[int]] = {}
    for position, service in enumerate(services):
        facets = {
            *(("topic", link.slug) for link in service.topics),
            *(("channel", channel.kind) for channel in service.channels),
            *(("language", code) for code in service.languages),
            ("region", service.region),
            ("free", service.free),
            ("anonymous", service.anonymous),
        }
        for facet in facets:
            positions.setdefault(facet, []).append(position)
    return {facet: mask_of(members) for facet, members in positions.items()}


def mask_of(positions: Iterable[int]) -> int:
    bits = 0
    for position in positions:
        bits |= 1 << position
    return bits


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
        "age_is_reading": service.age_is_reading,
        "topics": [link.slug for link in service.topics],
        "languages": list(service.languages),
        "free": service.free,
        "anonymous": service.anonymous,
        "accepts_third_party": service.accepts_third_party,
        "takes_young_helpers": service.takes_young_helpers,
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
