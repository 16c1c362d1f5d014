"""Opening hours of one channel: is it open at a moment, when does it close, when does it open next.

Pure: standard library plus `holidays`; no Django. The moment `at` is always passed in and must be
aware (a naive one raises ValueError). Returned datetimes are aware, in the schedule's zone.

Rules (see tests/directory/test_hours.py for the named cases):
- Weekly slots are local wall-clock times in the channel's IANA zone, never UTC offsets.
- A slot whose `closes` is not after `opens` runs past midnight; it belongs to the day it starts on
  (Friday 22:00-02:00 is Friday evening, even on a public holiday Saturday). `opens == closes`
  (typically 00:00-00:00) is a full 24 hours.
- Slots that overlap or touch merge into one opening: seven 00:00-00:00 slots are open day and night
  with no closing time, and Monday 18:00-00:00 plus Tuesday 00:00-02:00 closes at 02:00.
- A date exception replaces the weekly slots of every date it covers: no slots means closed. When
  exceptions overlap, the one covering the fewest dates wins (a special day inside a closed month),
  and between equally long ones the first listed.
- Belgian public holidays (from the `holidays` package, which counts Easter Sunday and Whit Sunday
  too) have three states per channel (`public_holidays`): CLOSED drops every slot that starts on a
  holiday; OPEN keeps them; UNKNOWN (what no source says) keeps nothing certain: such a slot is
  neither open nor closed, so `openness` answers `open_now=None` during it, `is_open` says False,
  and the next opening it reports is the next certain one.
- Local times that do not exist (spring forward) move forward to the end of the gap: 02:30 on
  2027-03-28 in Brussels is 03:00 CEST, so a slot wholly inside the gap disappears and no slot turns
  inside out. Local times that occur twice (fall back) take the first occurrence. Arithmetic happens
  on UTC instants, so durations are right across the change.
- Searches look SEARCH_HORIZON_DAYS ahead of the moment asked about (far enough for a channel closed
  for a season). An opening that goes on past the horizon counts as never closing; a channel with no
  opening within it counts as never opening. Both are answers (None), not errors.

Python adds to and subtracts datetimes that share a tzinfo by wall clock, ignoring a clock change
in between: to count the minutes until `closes_at`, subtract in UTC (`closes.astimezone(UTC) - now`).

How sure an answer is (`certainty`): the hours "in force" are the weekly slots that make up the
current opening (or, when closed, the next one). They are confirmed when every one of them comes
from the service itself or an official dated source (confidence CONFIRMING), or when a person here
verified the service and that verification still holds (`verified_until`, the last day it counts).
A verification that ran out confirms nothing, whatever the sources. Date exceptions are curators'
entries from the service's own announcements, so they count as confirmed. A historical slot never
does. The reason for an unconfirmed answer is one of the UNCERTAIN_* codes.

Decisions on the questions a caller may ask in either state:
- `closes_at` is None when the channel is closed at `at` (it has nothing to close), as in `Openness`.
- `next_opening` when the channel is open at `at` is the start of the opening after the current one
  closes (None if the current one does not close within the horizon); when closed, the start of the
  next opening, always strictly after `at`.
- `spans` returns whole merged openings, not clipped to the window; only an opening that runs past
  the horizon (searched that far back and ahead of the window) is cut at the horizon, so a 24/7
  channel shows one span of about SEARCH_HORIZON_DAYS on either side.

Speed (bench/bench_hours.py): a schedule is compiled once per value, so the fresh but equal Schedule
objects of every request share it; the few days asked about are converted to UTC once and kept;
searches jump over closed exception ranges and over round-the-clock runs of ordinary days.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property, lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()
SEARCH_HORIZON_DAYS = 400

# What a channel does on Belgian public holidays.
HOLIDAYS_CLOSED = "closed"
HOLIDAYS_OPEN = "open"
HOLIDAYS_UNKNOWN = "unknown"
HOLIDAY_STATES = (HOLIDAYS_CLOSED, HOLIDAYS_OPEN, HOLIDAYS_UNKNOWN)

# Where a weekly slot comes from (the directory's OpeningHours.confidence values).
PRIMARY_DATED = "primary-dated"  # a dated statement of the service, press or parliament
OFFICIAL_UNDATED = "official-undated"  # the service's own page, undated
SECONDARY = "secondary-unverified"  # a third-party directory or code: a lead, not a fact
HISTORICAL = "historical"  # was true then; not re-confirmed
CONFIDENCES = (PRIMARY_DATED, OFFICIAL_UNDATED, SECONDARY, HISTORICAL)
CONFIRMING = frozenset({PRIMARY_DATED, OFFICIAL_UNDATED})

# Why an answer about a channel is not confirmed, most serious first (the first that applies wins).
UNCERTAIN_HOLIDAY = "holiday-unknown"  # today is a public holiday and nobody knows what the channel does
UNCERTAIN_VERIFICATION_EXPIRED = "verification-expired"  # a person verified it, too long ago
UNCERTAIN_HISTORICAL = "historical"  # the hours in force are old hours, never re-confirmed
UNCERTAIN_SECONDARY = "secondary"  # the hours in force come from a secondary source only
UNCERTAIN_NO_OPENING = "no-opening"  # no opening within the horizon: nothing to be sure of

_DAY = 86_400
_WEEK = 7 * _DAY
_ONE_SECOND = timedelta(seconds=1)
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNIX_EPOCH_DAY = date(1970, 1, 1).toordinal()
_NO_DAY = date.max.toordinal() + 1  # after every real day, so a search for it runs off its end
_DAYS_KEPT = 32  # per schedule: yesterday, today and tomorrow with room for searches ahead

# A slot as seconds after the local midnight of the day it starts on; `closes` may pass the next midnight.
type _WallSlot = tuple[int, int]
type _WallSlots = tuple[_WallSlot, ...]
# A Schedule's weekly slots and exceptions as plain tuples: (weekday, opens, closes), (first, last, slots).
type _PlainWeekly = tuple[tuple[int, time, time], ...]
type _PlainExceptions = tuple[tuple[date, date, tuple[tuple[time, time], ...]], ...]
# An opening as whole seconds since the Unix epoch, end exclusive.
type _Interval = tuple[int, int]


def validate_slot(opens: time, closes: time) -> None:
    """Raise ValueError unless both are plain local wall-clock times in whole minutes."""
    for name, value in (("opens", opens), ("closes", closes)):
        if value.tzinfo is not None:
            raise ValueError(f"{name} {value} carries a time zone; slots are local times in the schedule's zone")
        if value.second or value.microsecond:
            raise ValueError(f"{name} {value} is not a whole minute; slots are whole minutes such as 18:00 or 21:30")


@dataclass(frozen=True, slots=True)
class WeeklySlot:
    weekday: int  # 0 = Monday .. 6 = Sunday: the day the slot starts on
    opens: time
    closes: time  # closes <= opens runs past midnight; opens == closes is 24 hours
    # Where the slot comes from; a slot nobody vouches for is not confirmed.
    confidence: str = SECONDARY

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        validate_slot(self.opens, self.closes)
        if self.confidence not in CONFIDENCES:
            raise ValueError(f"confidence {self.confidence!r} is not one of {', '.join(CONFIDENCES)}")


@dataclass(frozen=True, slots=True)
class DateException:
    first_day: date
    last_day: date  # inclusive
    slots: tuple[tuple[time, time], ...] = ()  # () = closed; else these replace the weekly slots

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"exception ends on {self.last_day}, before it starts on {self.first_day}")
        for opens, closes in self.slots:
            validate_slot(opens, closes)


# No slots: the compiled index is cached in the instance's __dict__ (frozen allows that).
@dataclass(frozen=True)
class Schedule:
    time_zone: str  # IANA, e.g. "Europe/Brussels"
    weekly: tuple[WeeklySlot, ...] = ()
    exceptions: tuple[DateException, ...] = ()
    public_holidays: str = HOLIDAYS_UNKNOWN  # Belgian public holidays: HOLIDAYS_CLOSED, _OPEN or _UNKNOWN
    # The last local day on which a person's verification of the service still holds; None: nobody
    # here verified it, so the slots' own sources decide.
    verified_until: date | None = None

    def __post_init__(self) -> None:
        if self.public_holidays not in HOLIDAY_STATES:
            raise ValueError(f"public_holidays {self.public_holidays!r} is not one of {', '.join(HOLIDAY_STATES)}")

    @cached_property
    def _index(self) -> _Index:
        return _index_of(self, holidays_closed=self.public_holidays != HOLIDAYS_OPEN)

    @cached_property
    def _holidays_open_index(self) -> _Index:
        """The same schedule as if it kept its hours on public holidays: what UNKNOWN might mean."""
        return _index_of(self, holidays_closed=False)


@dataclass(frozen=True, slots=True)
class Span:
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Openness:
    # None: a public holiday on which the channel would be open, but nobody knows whether it is.
    open_now: bool | None
    closes_at: datetime | None  # open: end of the current opening; None if it runs past the horizon (or closed)
    # Not open: start of the next (certain) opening; None if none within the horizon (or open).
    next_open_at: datetime | None


@dataclass(frozen=True, slots=True)
class Certainty:
    confirmed: bool
    reason: str = ""  # an UNCERTAIN_* code when not confirmed, else ""


def openness(schedule: Schedule, at: datetime) -> Openness:
    """Whether the channel is open at `at`, and when that changes."""
    index = schedule._index
    instant, today = _locate(at, index.zone)
    opening = _opening_at(index, instant, today)
    if opening is None or opening[0] > instant:
        return Openness(
            open_now=None if _holiday_unknown_now(schedule, at) else False,
            closes_at=None,
            next_open_at=None if opening is None else _local(opening[0], index.zone),
        )
    _start, end = opening
    if end >= _wall_to_instant(index.zone, today + SEARCH_HORIZON_DAYS + 1, 0):
        return Openness(open_now=True, closes_at=None, next_open_at=None)
    return Openness(open_now=True, closes_at=_local(end, index.zone), next_open_at=None)


def is_open(schedule: Schedule, at: datetime) -> bool:
    """Whether the channel is certainly open at `at`; the cheapest question."""
    return _is_open_by(schedule._index, at)


def certainty(schedule: Schedule, at: datetime) -> Certainty:
    """How sure `openness(schedule, at)` is: confirmed, or the reason it is not (module docstring)."""
    index = schedule._index
    instant, today = _locate(at, index.zone)
    if _holiday_unknown_now(schedule, at):
        return Certainty(confirmed=False, reason=UNCERTAIN_HOLIDAY)
    if schedule.verified_until is not None:
        if date.fromordinal(today) <= schedule.verified_until:
            return Certainty(confirmed=True)
        return Certainty(confirmed=False, reason=UNCERTAIN_VERIFICATION_EXPIRED)
    opening = _opening_at(index, instant, today)
    if opening is None:
        return Certainty(confirmed=False, reason=UNCERTAIN_NO_OPENING)
    confidences = _confidences_in_force(schedule, index, *opening)
    if HISTORICAL in confidences:
        return Certainty(confirmed=False, reason=UNCERTAIN_HISTORICAL)
    if confidences - CONFIRMING:
        return Certainty(confirmed=False, reason=UNCERTAIN_SECONDARY)
    return Certainty(confirmed=True)


def _is_open_by(index: _Index, at: datetime) -> bool:
    instant, today = _locate(at, index.zone)
    # A slot lasts at most a day, so only slots starting yesterday or today can cover `at`.
    return any(start <= instant < end for day in (today - 1, today) for start, end in _day(index, day).intervals)


def _holiday_unknown_now(schedule: Schedule, at: datetime) -> bool:
    """A holiday of unknown behaviour on which the weekly slots would have the channel open at `at`."""
    return (
        schedule.public_holidays == HOLIDAYS_UNKNOWN
        and _is_open_by(schedule._holidays_open_index, at)
        and not _is_open_by(schedule._index, at)
    )


def _opening_at(index: _Index, instant: int, today: int) -> _Interval | None:
    """The merged opening in progress at `instant`, else the next one; None if none within the horizon."""
    for start, end in _merged_intervals(index, today - 1, today + SEARCH_HORIZON_DAYS):
        if end > instant:
            return start, end
    return None


def _confidences_in_force(schedule: Schedule, index: _Index, start: int, end: int) -> frozenset[str]:
    """The confidences of the weekly slots that make up the opening [start, end).

    Days inside a date exception contribute no weekly slot (exceptions count as confirmed); an
    opening longer than a week has every weekly slot in force, so a week and a bit is enough.
    """
    first_day = _local(start, index.zone).toordinal() - 1
    last_day = min(_local(end, index.zone).toordinal(), first_day + 8)
    found: set[str] = set()
    for day in range(first_day, last_day + 1):
        if not _is_ordinary(index, day):
            continue
        weekday = (day - 1) % 7  # ordinal 1 is a Monday
        for slot in schedule.weekly:
            if slot.weekday != weekday:
                continue
            opens, closes = _wall_slot(slot.opens, slot.closes)
            if _wall_to_instant(index.zone, day, opens) < end and _wall_to_instant(index.zone, day, closes) > start:
                found.add(slot.confidence)
    return frozenset(found)


def next_opening(schedule: Schedule, at: datetime) -> datetime | None:
    """The first opening that starts after `at`: after the current one when open (see the module docstring)."""
    index = schedule._index
    instant, today = _locate(at, index.zone)
    # Merged openings never touch, so the first one starting after `at` starts after any current one ends.
    for start, _end in _merged_intervals(index, today - 1, today + SEARCH_HORIZON_DAYS):
        if start > instant:
            return _local(start, index.zone)
    return None


def closes_at(schedule: Schedule, at: datetime) -> datetime | None:
    """When the current opening ends; None when closed at `at` or when it runs past the horizon."""
    return openness(schedule, at).closes_at


def spans(schedule: Schedule, start: datetime, days: int = 7) -> list[Span]:
    """The whole merged openings that overlap [start, start + days * 24 h), in order, for display."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    index = schedule._index
    instant, first_day = _locate(start, index.zone)
    window_end = instant + days * _DAY
    window_last_day = _local(window_end, index.zone).toordinal()
    found: list[Span] = []
    for opens, closes in _merged_intervals(index, first_day - 1, window_last_day + SEARCH_HORIZON_DAYS):
        if opens >= window_end:
            break
        if closes <= instant:
            continue
        if not found:
            # The merge began on the day before `start`; an opening running since earlier began earlier.
            opens = _earliest_start(index, opens, first_day - 2, first_day - 1 - SEARCH_HORIZON_DAYS)
        found.append(Span(start=_local(opens, index.zone), end=_local(closes, index.zone)))
    return found


# eq=False: equal schedules share one index through _compile, so identity is equality and hashing is cheap.
@dataclass(frozen=True, slots=True, eq=False)
class _Index:
    """A schedule compiled for quick questions: wall slots per weekday and disjoint exception ranges."""

    zone: ZoneInfo
    weekly: tuple[_WallSlots, ...]  # by weekday, sorted
    # Disjoint, sorted date ranges (as ordinals) with the slots that replace the weekly ones there.
    exception_firsts: tuple[int, ...]
    exception_lasts: tuple[int, ...]
    exception_slots: tuple[_WallSlots, ...]
    closed_on_public_holidays: bool  # CLOSED, and UNKNOWN for every certain answer
    has_weekly_slots: bool
    # Weekly slots leave no gap all week, so a run of ordinary days is one unbroken opening.
    weekly_covers_whole_week: bool
    # Every request asks about the same few days, so their plans are kept (a few: see _day).
    days: dict[int, _Day] = field(default_factory=dict)


def _index_of(schedule: Schedule, *, holidays_closed: bool) -> _Index:
    # Each request builds fresh Schedules equal to earlier ones. The compiled index is keyed on plain
    # tuples of their values, which hash and compare in C; the dataclasses' own methods run Python per slot.
    return _compile(
        schedule.time_zone,
        tuple([(slot.weekday, slot.opens, slot.closes) for slot in schedule.weekly]),
        tuple([(exception.first_day, exception.last_day, exception.slots) for exception in schedule.exceptions]),
        holidays_closed,
    )


@lru_cache(maxsize=16_384)
def _compile(
    time_zone: str, weekly: _PlainWeekly, exceptions: _PlainExceptions, closed_on_public_holidays: bool
) -> _Index:
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"{time_zone!r} is not an IANA time zone such as Europe/Brussels") from error
    by_weekday: list[list[_WallSlot]] = [[] for _ in WEEKDAYS]
    for weekday, opens, closes in weekly:
        by_weekday[weekday].append(_wall_slot(opens, closes))
    wall_weekly = tuple(tuple(sorted(slots)) for slots in by_weekday)
    ranges = _exception_ranges(exceptions)
    return _Index(
        zone=zone,
        weekly=wall_weekly,
        exception_firsts=tuple(first for first, _last, _slots in ranges),
        exception_lasts=tuple(last for _first, last, _slots in ranges),
        exception_slots=tuple(slots for _first, _last, slots in ranges),
        closed_on_public_holidays=closed_on_public_holidays,
        has_weekly_slots=bool(weekly),
        weekly_covers_whole_week=_covers_whole_week(wall_weekly),
    )


def _wall_slot(opens: time, closes: time) -> _WallSlot:
    opens_at = opens.hour * 3600 + opens.minute * 60
    closes_at = closes.hour * 3600 + closes.minute * 60
    return opens_at, (closes_at if closes_at > opens_at else closes_at + _DAY)


def _exception_ranges(exceptions: _PlainExceptions) -> list[tuple[int, int, _WallSlots]]:
    """Disjoint (first, last, slots) ranges, resolving overlaps by the fewest-dates-wins rule."""
    by_priority = sorted(
        ((first_day.toordinal(), last_day.toordinal(), slots) for first_day, last_day, slots in exceptions),
        key=lambda exception: exception[1] - exception[0],  # stable: the first listed wins a tie
    )
    boundaries = sorted(
        {first for first, _last, _slots in by_priority} | {last + 1 for _first, last, _slots in by_priority}
    )
    ranges: list[tuple[int, int, _WallSlots]] = []
    for first, after in pairwise(boundaries):
        winner = next((slots for low, high, slots in by_priority if low <= first <= high), None)
        if winner is None:
            continue
        slots = tuple(sorted(_wall_slot(opens, closes) for opens, closes in winner))
        if ranges and ranges[-1][1] == first - 1 and ranges[-1][2] == slots:
            ranges[-1] = (ranges[-1][0], after - 1, slots)
        else:
            ranges.append((first, after - 1, slots))
    return ranges


def _covers_whole_week(weekly: tuple[_WallSlots, ...]) -> bool:
    if sum(closes - opens for slots in weekly for opens, closes in slots) < _WEEK:
        return False  # too short to cover it, whatever the overlaps
    pieces: list[_Interval] = []
    for weekday, slots in enumerate(weekly):
        for opens, closes in slots:
            start, end = weekday * _DAY + opens, weekday * _DAY + closes
            # Sunday night runs on into Monday morning.
            pieces.append((start, min(end, _WEEK)))
            if end > _WEEK:
                pieces.append((0, end - _WEEK))
    covered_until = 0
    for start, end in sorted(pieces):
        if start > covered_until:
            return False
        covered_until = max(covered_until, end)
    return covered_until >= _WEEK


def _slots_from(index: _Index, day: int) -> tuple[_WallSlots, int]:
    """The wall slots starting on `day` (an ordinal), and the next day that may have any."""
    following_exception = _NO_DAY
    if index.exception_firsts:
        position = bisect_right(index.exception_firsts, day) - 1
        if position >= 0 and day <= index.exception_lasts[position]:
            slots = index.exception_slots[position]
            return slots, (day + 1 if slots else index.exception_lasts[position] + 1)
        if position + 1 < len(index.exception_firsts):
            following_exception = index.exception_firsts[position + 1]
    if not index.has_weekly_slots:
        return (), following_exception
    if index.closed_on_public_holidays and _is_public_holiday(day):
        return (), day + 1
    return index.weekly[(day - 1) % 7], day + 1  # ordinal 1 is a Monday


def _is_ordinary(index: _Index, day: int) -> bool:
    """Whether the weekly slots apply on `day`, untouched by exceptions and holidays."""
    position = bisect_right(index.exception_firsts, day) - 1
    in_exception = position >= 0 and day <= index.exception_lasts[position]
    return not in_exception and not (index.closed_on_public_holidays and _is_public_holiday(day))


def _next_special_day(index: _Index, day: int) -> int:
    """The first day from `day` on where exceptions or holidays replace the weekly slots."""
    position = bisect_left(index.exception_lasts, day)
    special = max(index.exception_firsts[position], day) if position < len(index.exception_lasts) else _NO_DAY
    if index.closed_on_public_holidays:
        special = min(special, _next_public_holiday(day))
    return special


def _previous_special_day(index: _Index, day: int) -> int:
    """The last day up to `day` where exceptions or holidays replace the weekly slots (0 if none)."""
    position = bisect_right(index.exception_firsts, day) - 1
    special = min(index.exception_lasts[position], day) if position >= 0 else 0
    if index.closed_on_public_holidays:
        special = max(special, _previous_public_holiday(day))
    return special


def _merged_intervals(index: _Index, first_day: int, last_day: int) -> Iterator[_Interval]:
    """Merged openings of the slots starting on days first_day..last_day, in order.

    The first may have begun before first_day and the last may go on after last_day.
    """
    start: int | None = None
    end = 0
    day = first_day
    while day <= last_day:
        plan = _day(index, day)
        if start is not None:
            if end < plan.midnight:
                # Nothing starting today or later can reach back to join the pending opening.
                yield start, end
                start = None
            elif index.weekly_covers_whole_week and _is_ordinary(index, day - 1):
                run_last = min(_next_special_day(index, day) - 1, last_day)
                if run_last > day:
                    # Each day of the run is covered by its own slots and those of the ordinary day before,
                    # so the opening goes on unbroken to the end of the run; skip the days in between.
                    end = max(end, _day(index, run_last + 1).midnight)
                    day = run_last
                    plan = _day(index, day)
        for opens, closes in plan.intervals:
            if start is not None and opens <= end:
                end = max(end, closes)
            else:
                if start is not None:
                    yield start, end
                start, end = opens, closes
        day = plan.next_day
    if start is not None:
        yield start, end


def _earliest_start(index: _Index, start: int, from_day: int, earliest_day: int) -> int:
    """Where the unbroken opening containing `start` begins, given slots starting from_day or earlier."""
    zone = index.zone
    day = from_day
    while day >= earliest_day:
        if _wall_to_instant(zone, day + 2, 0) < start:
            break  # slots starting this day or earlier end before the day after next begins
        if index.weekly_covers_whole_week:
            run_first = max(_previous_special_day(index, day + 1) + 1, earliest_day)
            if run_first < day:
                # As in _merged_intervals: days run_first + 1..day + 1 are covered throughout, and the
                # opening reaches back into day + 1 at least, so it began by run_first + 1.
                start = min(start, _wall_to_instant(zone, run_first + 1, 0))
                day = run_first
        for opens, closes in reversed(_day(index, day).intervals):
            if opens < start <= closes:
                start = opens
        day -= 1
    return start


@dataclass(frozen=True, slots=True)
class _Day:
    midnight: int  # the instant the local day begins
    intervals: tuple[_Interval, ...]  # of the slots starting this day, in order
    next_day: int  # the next day that may have slots


def _day(index: _Index, day: int) -> _Day:
    plan = index.days.get(day)
    if plan is None:
        if len(index.days) >= _DAYS_KEPT:
            index.days.clear()  # the days asked about move on; forget the old ones
        plan = index.days[day] = _plan_day(index, day)
    return plan


def _plan_day(index: _Index, day: int) -> _Day:
    slots, next_day = _slots_from(index, day)
    zone = index.zone
    offset = _steady_offset(zone, day)
    if offset is not None:
        midnight = (day - _UNIX_EPOCH_DAY) * _DAY - offset
        intervals = tuple((midnight + opens, midnight + closes) for opens, closes in slots)
    else:
        midnight = _exact_instant(zone, day, 0)
        exact = ((_exact_instant(zone, day, opens), _exact_instant(zone, day, closes)) for opens, closes in slots)
        intervals = tuple((start, end) for start, end in exact if start < end)  # a slot inside a DST gap never opens
    return _Day(midnight=midnight, intervals=intervals, next_day=next_day)


def _wall_to_instant(zone: ZoneInfo, day: int, wall_seconds: int) -> int:
    offset = _steady_offset(zone, day)
    if offset is None:
        return _exact_instant(zone, day, wall_seconds)
    return (day - _UNIX_EPOCH_DAY) * _DAY + wall_seconds - offset


@lru_cache(maxsize=8192)
def _steady_offset(zone: ZoneInfo, day: int) -> int | None:
    """The UTC offset in seconds if it holds from `day` 00:00 to two days later, else None.

    Checks the three midnights (both folds): zones change offset at most once in two days.
    """
    offsets = {
        datetime.fromordinal(midnight).replace(tzinfo=zone, fold=fold).utcoffset()
        for midnight in (day, day + 1, day + 2)
        for fold in (0, 1)
    }
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    assert offset is not None  # ZoneInfo always knows its offset
    return offset // _ONE_SECOND


@lru_cache(maxsize=4096)
def _exact_instant(zone: ZoneInfo, day: int, wall_seconds: int) -> int:
    """The instant a local wall time means on a day with an offset change (see the module rules)."""
    wall = datetime.fromordinal(day) + timedelta(seconds=wall_seconds)
    first_reading = _seconds(wall.replace(tzinfo=zone))  # fold=0: the first of two occurrences
    if _wall_time(first_reading, zone) == wall:
        return first_reading
    # The wall time is in a gap. fold=0 read it with the offset from before the gap, landing after the
    # gap; fold=1 with the offset from after, landing before it. The gap ends in between.
    before, after = _seconds(wall.replace(tzinfo=zone, fold=1)), first_reading
    while after - before > 1:
        middle = (before + after) // 2
        if _wall_time(middle, zone) > wall:
            after = middle
        else:
            before = middle
    return after


def _wall_time(instant: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(instant, zone).replace(tzinfo=None)


def _seconds(moment: datetime) -> int:
    """Whole seconds since the epoch, rounded down: slot edges are whole seconds, so `at` compares right."""
    return (moment - _UNIX_EPOCH) // _ONE_SECOND


# Callers ask about many channels at one moment: remember the last moment located.
_last_located: tuple[datetime, ZoneInfo, int, int] | None = None


def _locate(at: datetime, zone: ZoneInfo) -> tuple[int, int]:
    """`at` as epoch seconds and as the ordinal of its local date in `zone`."""
    global _last_located
    last = _last_located
    if last is not None and last[0] is at and last[1] is zone:
        return last[2], last[3]
    if at.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got the naive {at.isoformat()}; pass a tzinfo")
    instant, day = _seconds(at), at.astimezone(zone).toordinal()
    _last_located = (at, zone, instant, day)
    return instant, day


def _local(instant: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(instant, zone)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[int, ...]:
    """Belgian public holidays of `year`, as sorted ordinals."""
    return tuple(sorted(day.toordinal() for day in holidays.country_holidays("BE", years=year)))


def _is_public_holiday(day: int) -> bool:
    return day in _public_holidays(date.fromordinal(day).year)


def _next_public_holiday(day: int) -> int:
    year = date.fromordinal(day).year
    this_year = _public_holidays(year)
    position = bisect_left(this_year, day)
    return this_year[position] if position < len(this_year) else _public_holidays(year + 1)[0]  # 1 January


def _previous_public_holiday(day: int) -> int:
    year = date.fromordinal(day).year
    this_year = _public_holidays(year)
    position = bisect_right(this_year, day) - 1
    return this_year[position] if position >= 0 else _public_holidays(year - 1)[-1]  # 25 December
