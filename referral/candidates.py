"""The candidate search: the directory prepared once per snapshot so that `rank` scores only the
services that can still make the list.

Pure: standard library and the pure hours engine only. It knows the directory's facets (topics,
ages, languages, kinds, hours), never a weight: the ranking (referral/ranking.py) turns facets into
groups with an upper bound of their score and gives the exact score of one service; this module
walks the groups best first.

`index_catalog` turns the directory into bitsets (Python ints, one bit per service) once per
snapshot: per topic, age, language, flag, and per local hour of the week the channels that may be
open then. Services are sorted by a weight that is the same whatever the answers (the ranking's
`order_weight`), so the first members of each group are its best, and `search` stops when no
unseen member can beat the suggestions found. Opening hours (the only costly part) are asked only
for those it visits.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from directory.entries import MAXIMUM_AGE, MINIMUM_AGE, Catalog, ServiceEntry
from directory.hours import HOLIDAYS_OPEN, Schedule, spans

HELPLINE_KIND = "helpline"
INFORMATION_KIND = "information"
EMERGENCY_KIND = "emergency"
PEER_SUPPORT_KIND = "peer-support"
PHONE_KIND = "phone"

_HOURS_PER_WEEK = 7 * 24
_ALL_HOURS = (1 << _HOURS_PER_WEEK) - 1
# Any Monday works if its week has no Belgian public holiday and no clock change in the zone.
_REFERENCE_MONDAY = datetime(2024, 1, 8)  # noqa: DTZ001 - a wall-clock date, put into each zone below


@dataclass(frozen=True, slots=True, eq=False)
class _ZoneHours:
    zone: ZoneInfo
    # By local hour of the week (Monday 00:00-01:00 = 0): channel kind -> services with a live
    # channel of that kind that may be open in that hour. A superset: hours.openness decides.
    may_open: tuple[Mapping[str, int], ...]


@dataclass(frozen=True, slots=True, eq=False)
class CatalogIndex:
    """One directory snapshot, prepared for the search. Build it with `index_catalog`.

    Every mask is an int with bit `i` set for `services[i]`. Services are ordered by their order
    weight (best first), then slug, so walking a mask from its lowest bit visits the best of its
    services first.
    """

    version: str
    services: tuple[ServiceEntry, ...]
    constant: tuple[float, ...]  # the order weight of each service: the part of its score answers never change
    day_and_night: tuple[tuple[bool, ...], ...]  # per service, per channel: a live channel open 24/7
    everyone: int
    suggestible: int  # helplines and walk-in services with at least one channel
    information: int
    emergency: int
    peer_support: int  # moderated peer groups and forums: never a suggestion, a further resource
    first_step: int
    third_party: int
    young_helpers: int  # a young person may contact it about someone else (takes_young_helpers)
    age_bounded: int  # has a minimum or a maximum age
    day_and_night_live: int  # has a live channel open 24/7
    day_and_night_phone: int  # a helpline whose phone is open 24/7
    linked: Mapping[str, int]  # topic slug -> services linked to it
    primary: Mapping[str, int]  # topic slug -> services for which it is the primary topic
    speaks: Mapping[str, int]  # language code -> services that speak it
    by_age: tuple[int, ...]  # age (MINIMUM_AGE..MAXIMUM_AGE) -> services that accept it
    hours: tuple[_ZoneHours, ...]

    def mask_for_age(self, age: int | None) -> int:
        if age is None:
            return self.everyone
        if not MINIMUM_AGE <= age <= MAXIMUM_AGE:
            raise ValueError(f"age {age} is not between {MINIMUM_AGE} and {MAXIMUM_AGE}")
        return self.by_age[age - MINIMUM_AGE]


def index_catalog(catalog: Catalog, order_weight: Callable[[ServiceEntry], float]) -> CatalogIndex:
    """Prepare a directory snapshot for the search: everything that depends neither on the moment
    nor on the answers. `order_weight` is the part of a service's score that is the same for every
    answer (the ranking's free/anonymous weight)."""
    slugs = [service.slug for service in catalog.services]
    if len(set(slugs)) != len(slugs):
        raise ValueError("service slugs must be unique: ties are broken by slug")
    services = tuple(sorted(catalog.services, key=lambda service: (-order_weight(service), service.slug)))
    size = len(services)
    hours_of_schedule: dict[Schedule, tuple[int, bool]] = {}

    def hours(schedule: Schedule) -> tuple[int, bool]:
        if schedule not in hours_of_schedule:
            hours_of_schedule[schedule] = hours_of_week(schedule)
        return hours_of_schedule[schedule]

    groups: dict[str, list[int]] = {}
    linked: dict[str, list[int]] = {}
    primary: dict[str, list[int]] = {}
    speaks: dict[str, list[int]] = {}
    # Positions by the first (last) questionnaire age they accept; the extra last list: no maximum.
    by_minimum: list[list[int]] = [[] for _ in range(MAXIMUM_AGE - MINIMUM_AGE + 1)]
    by_maximum: list[list[int]] = [[] for _ in range(MAXIMUM_AGE - MINIMUM_AGE + 2)]
    by_weekly_hours: dict[tuple[str, int, str], list[int]] = {}  # (zone, hours of the week, kind)
    day_and_night: list[tuple[bool, ...]] = []
    for position, service in enumerate(services):
        flags = {
            "suggestible": service.kind not in (INFORMATION_KIND, EMERGENCY_KIND, PEER_SUPPORT_KIND)
            and bool(service.channels),
            "information": service.kind == INFORMATION_KIND,
            "emergency": service.kind == EMERGENCY_KIND,
            "peer_support": service.kind == PEER_SUPPORT_KIND and bool(service.channels),
            "first_step": service.first_step_for_young_people,
            "third_party": service.accepts_third_party,
            "young_helpers": service.takes_young_helpers,
            "age_bounded": service.minimum_age is not None or service.maximum_age is not None,
        }
        always: list[bool] = []
        for channel in service.channels:
            week, whole_week = (
                hours(channel.schedule) if channel.is_live and channel.schedule is not None else (0, False)
            )
            always.append(whole_week)
            if channel.schedule is not None and week:
                by_weekly_hours.setdefault((channel.schedule.time_zone, week, channel.kind), []).append(position)
        day_and_night.append(tuple(always))
        flags["day_and_night_live"] = any(always)
        flags["day_and_night_phone"] = service.kind == HELPLINE_KIND and any(
            whole and channel.kind == PHONE_KIND for whole, channel in zip(always, service.channels, strict=True)
        )
        for name, value in flags.items():
            if value:
                groups.setdefault(name, []).append(position)
        for link in service.topics:
            linked.setdefault(link.slug, []).append(position)
            if link.primary:
                primary.setdefault(link.slug, []).append(position)
        for language in service.languages:
            speaks.setdefault(language, []).append(position)
        minimum = MINIMUM_AGE if service.minimum_age is None else max(service.minimum_age, MINIMUM_AGE)
        if minimum <= MAXIMUM_AGE:
            by_minimum[minimum - MINIMUM_AGE].append(position)
        if service.maximum_age is None or service.maximum_age >= MAXIMUM_AGE:
            by_maximum[-1].append(position)
        elif service.maximum_age >= MINIMUM_AGE:
            by_maximum[service.maximum_age - MINIMUM_AGE].append(position)

    def mask(name: str) -> int:
        return bitset(groups.get(name, ()), size)

    may_open: dict[str, list[dict[str, int]]] = {}
    for (zone, week, kind), positions in by_weekly_hours.items():
        members = bitset(positions, size)
        by_hour = may_open.setdefault(zone, [{} for _ in range(_HOURS_PER_WEEK)])
        for hour in bits(week):
            by_hour[hour][kind] = by_hour[hour].get(kind, 0) | members

    return CatalogIndex(
        version=catalog.version,
        services=services,
        constant=tuple(order_weight(service) for service in services),
        day_and_night=tuple(day_and_night),
        everyone=(1 << size) - 1,
        suggestible=mask("suggestible"),
        information=mask("information"),
        emergency=mask("emergency"),
        peer_support=mask("peer_support"),
        first_step=mask("first_step"),
        third_party=mask("third_party"),
        young_helpers=mask("young_helpers"),
        age_bounded=mask("age_bounded"),
        day_and_night_live=mask("day_and_night_live"),
        day_and_night_phone=mask("day_and_night_phone"),
        linked={slug: bitset(positions, size) for slug, positions in sorted(linked.items())},
        primary={slug: bitset(positions, size) for slug, positions in sorted(primary.items())},
        speaks={code: bitset(positions, size) for code, positions in sorted(speaks.items())},
        by_age=_age_masks(by_minimum, by_maximum, size),
        hours=tuple(
            _ZoneHours(zone=ZoneInfo(name), may_open=tuple(by_hour)) for name, by_hour in sorted(may_open.items())
        ),
    )


def _age_masks(by_minimum: list[list[int]], by_maximum: list[list[int]], size: int) -> tuple[int, ...]:
    """For each age, the services whose minimum is at most it and whose maximum is at least it."""
    ages = range(MAXIMUM_AGE - MINIMUM_AGE + 1)
    old_enough: list[int] = []
    reached = 0
    for age in ages:
        reached |= bitset(by_minimum[age], size)
        old_enough.append(reached)
    young_enough = [0] * len(ages)
    reached = bitset(by_maximum[-1], size)
    for age in reversed(ages):
        reached |= bitset(by_maximum[age], size)
        young_enough[age] = reached
    return tuple(low & high for low, high in zip(old_enough, young_enough, strict=True))


def hours_of_week(schedule: Schedule) -> tuple[int, bool]:
    """The local hours of the week in which the schedule may be open, and whether it never closes.

    Read from hours.spans over a reference week, so every slot rule (overnight, 24 h, merging) is the
    hours engine's own. Public holidays only close (or make openness unknown), so they are left out;
    date exceptions may open any hour, so a schedule with exceptions may be open at every hour and is
    never "24/7". Nor is a schedule that may close on a public holiday (closed or unknown).
    """
    if schedule.exceptions:
        return _ALL_HOURS, False
    weekly = dataclasses.replace(schedule, public_holidays=HOLIDAYS_OPEN)
    zone = ZoneInfo(schedule.time_zone)
    start = _REFERENCE_MONDAY.replace(tzinfo=zone)
    while start.utcoffset() != (start + timedelta(days=7)).utcoffset():
        start += timedelta(days=7)  # a week without a clock change, for zones that change in January
    end = start + timedelta(days=7)
    week = 0
    for span in spans(weekly, start, days=7):
        if span.start <= start and span.end >= end:
            return _ALL_HOURS, schedule.public_holidays == HOLIDAYS_OPEN
        hour = max(span.start, start).astimezone(zone).replace(tzinfo=None, minute=0, second=0, microsecond=0)
        last = min(span.end, end).astimezone(zone).replace(tzinfo=None)
        while hour < last:
            week |= 1 << (hour.weekday() * 24 + hour.hour)
            hour += timedelta(hours=1)
    return week, False


def bitset(positions: Iterable[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def bits(mask: int) -> Iterator[int]:
    """The positions of the set bits, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def may_open(index: CatalogIndex, at: datetime, preferred: frozenset[str]) -> tuple[int, int]:
    """Services that may be open at `at` on a preferred live channel, and on any live channel."""
    on_preferred = on_any = 0
    for zone_hours in index.hours:
        local = at.astimezone(zone_hours.zone)
        for kind, mask in zone_hours.may_open[local.weekday() * 24 + local.hour].items():
            on_any |= mask
            if kind in preferred:
                on_preferred |= mask
    return on_preferred, on_any


@dataclass(slots=True)
class Group:
    """Services that share every weight but the free/anonymous one, walked best first."""

    rest: int  # the members not visited yet
    offset: float  # their shared weights; a bound for the open-now part when may_open
    may_open: bool  # some may be open now (else none is: their score is exactly offset + constant)
    head: int = -1  # the position of the lowest bit of `rest`, once pushed


class Scored(Protocol):
    """An exactly scored service, as the ranking evaluates it."""

    @property
    def position(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def open_now(self) -> bool: ...


def search[S: Scored](
    index: CatalogIndex,
    groups: list[Group],
    wanted: int,
    evaluate: Callable[[int], S],
    *,
    known: tuple[S, ...] = (),
    open_only: bool = False,
) -> list[S]:
    """The `wanted` best services of the groups (plus those already evaluated), best first.

    A heap holds each group's next member with the most it can score (its group's offset plus its
    order weight), and every evaluated service with its exact score; an exact score that comes out
    on top is final, as nothing left can beat it. Equal scores go to the smaller slug.
    """
    heap: list[tuple[float, str, int, int, Group | S]] = []
    counter = 0

    def push_next(group: Group) -> None:
        nonlocal counter
        if group.rest:
            group.head = (group.rest & -group.rest).bit_length() - 1
            bound = group.offset + index.constant[group.head]
            heapq.heappush(heap, (-bound, index.services[group.head].slug, 1, counter, group))
            counter += 1

    def push_exact(found: S) -> None:
        nonlocal counter
        heapq.heappush(heap, (-found.score, found.slug, 0, counter, found))
        counter += 1

    seen: set[int] = set()
    for found in known:
        seen.add(found.position)
        push_exact(found)
    for group in groups:
        push_next(group)
    best: list[S] = []
    while heap and len(best) < wanted:
        item = heapq.heappop(heap)[-1]
        if not isinstance(item, Group):
            if item.open_now or not open_only:
                best.append(item)
            continue
        position = item.head
        item.rest &= item.rest - 1
        push_next(item)
        if position in seen:
            continue
        seen.add(position)
        # At most the bound (the groups' weights are the score's own; a property test checks the
        # search against scoring every candidate), so pushing it back keeps the heap's promise.
        push_exact(evaluate(position))
    return best
