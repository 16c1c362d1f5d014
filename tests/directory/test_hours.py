"""The hours engine: named cases (DST transitions in the style of cronsim's table) and properties.

Plain Python: no Django, no database.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import hours
from directory.hours import DateException, Openness, Schedule, WeeklySlot

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
MICROSECOND = timedelta(microseconds=1)
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def at(text: str, *, fold: int = 0) -> datetime:
    """A Brussels wall-clock moment, "2026-10-25 02:30"."""
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS, fold=fold)


def utc(moment: datetime) -> datetime:
    """Python adds to and subtracts datetimes that share a tzinfo by wall clock; real durations need UTC."""
    return moment.astimezone(UTC)


def hhmm(text: str) -> time:
    return time.fromisoformat(text)


def slots(*days: int, opens: str, closes: str, confidence: str = hours.SECONDARY) -> tuple[WeeklySlot, ...]:
    return tuple(WeeklySlot(day, hhmm(opens), hhmm(closes), confidence) for day in days)


WEEKDAYS_9_TO_17 = slots(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, opens="09:00", closes="17:00")
EVERY_DAY_9_TO_17 = slots(*range(7), opens="09:00", closes="17:00")
ROUND_THE_CLOCK = slots(*range(7), opens="00:00", closes="00:00")
# Also round the clock, but each day's early hours come from the slot of the day before.
NOON_TO_NOON = slots(*range(7), opens="12:00", closes="12:00")


def brussels(
    weekly: tuple[WeeklySlot, ...],
    *exceptions: DateException,
    public_holidays: str = hours.HOLIDAYS_OPEN,
) -> Schedule:
    return Schedule("Europe/Brussels", weekly, exceptions, public_holidays)


def closed(first: str, last: str | None = None) -> DateException:
    return DateException(date.fromisoformat(first), date.fromisoformat(last or first))


def special(first: str, last: str | None, *hours_of_day: tuple[str, str]) -> DateException:
    return DateException(
        date.fromisoformat(first),
        date.fromisoformat(last or first),
        tuple((hhmm(opens), hhmm(closes)) for opens, closes in hours_of_day),
    )


@dataclass(frozen=True)
class Case:
    name: str
    schedule: Schedule
    at: datetime
    expected: Openness


def is_open_until(closes: datetime | None) -> Openness:
    return Openness(open_now=True, closes_at=closes, next_open_at=None)


def is_closed_until(opens: datetime | None) -> Openness:
    return Openness(open_now=False, closes_at=None, next_open_at=opens)


CASES = [
    Case(
        "before an evening slot opens",
        brussels(slots(MONDAY, WEDNESDAY, opens="18:00", closes="22:00")),
        at("2026-11-18 15:00"),  # a Wednesday
        is_closed_until(at("2026-11-18 18:00")),
    ),
    Case(
        "opening time is inclusive",
        brussels(slots(WEDNESDAY, opens="18:00", closes="22:00")),
        at("2026-11-18 18:00"),
        is_open_until(at("2026-11-18 22:00")),
    ),
    Case(
        "closing time is exclusive; next opening a week later",
        brussels(slots(WEDNESDAY, opens="18:00", closes="22:00")),
        at("2026-11-18 22:00"),
        is_closed_until(at("2026-11-25 18:00")),
    ),
    Case(
        "overnight slot: after midnight belongs to the evening before",
        brussels(slots(FRIDAY, opens="22:00", closes="02:00")),
        at("2026-11-21 01:00"),  # Saturday
        is_open_until(at("2026-11-21 02:00")),
    ),
    Case(
        "overnight slot: Saturday evening has none of Friday's",
        brussels(slots(FRIDAY, opens="22:00", closes="02:00")),
        at("2026-11-21 23:00"),
        is_closed_until(at("2026-11-27 22:00")),
    ),
    Case(
        "Sunday night wraps into Monday morning",
        brussels(slots(SUNDAY, opens="20:00", closes="04:00")),
        at("2026-11-23 03:59"),  # Monday
        is_open_until(at("2026-11-23 04:00")),
    ),
    Case(
        "from Monday morning the next opening is Sunday evening",
        brussels(slots(SUNDAY, opens="20:00", closes="04:00")),
        at("2026-11-23 04:00"),
        is_closed_until(at("2026-11-29 20:00")),
    ),
    Case(
        "24/7 is one opening that never closes",
        brussels(ROUND_THE_CLOCK),
        at("2026-11-18 03:00"),
        is_open_until(None),
    ),
    Case(
        "24/7 across the fall-back night never closes",
        brussels(ROUND_THE_CLOCK),
        at("2026-10-25 02:30", fold=1),
        is_open_until(None),
    ),
    Case(
        "noon-to-noon every day never closes",
        brussels(NOON_TO_NOON),
        at("2026-11-18 03:00"),
        is_open_until(None),
    ),
    Case(
        "noon-to-noon every day: special hours the evening before leave the morning closed",
        brussels(NOON_TO_NOON, special("2026-11-17", None, ("20:00", "00:00"))),
        at("2026-11-17 21:00"),
        is_open_until(at("2026-11-18 00:00")),
    ),
    Case(
        "Monday until midnight and Tuesday from midnight merge",
        brussels(slots(MONDAY, opens="18:00", closes="00:00") + slots(TUESDAY, opens="00:00", closes="02:00")),
        at("2026-11-16 23:00"),
        is_open_until(at("2026-11-17 02:00")),
    ),
    Case(
        "split day: closed over lunch",
        brussels(slots(WEDNESDAY, opens="09:00", closes="12:00") + slots(WEDNESDAY, opens="13:00", closes="17:00")),
        at("2026-11-18 12:30"),
        is_closed_until(at("2026-11-18 13:00")),
    ),
    Case(
        "split day: the morning closes at noon",
        brussels(slots(WEDNESDAY, opens="13:00", closes="17:00") + slots(WEDNESDAY, opens="09:00", closes="12:00")),
        at("2026-11-18 11:00"),
        is_open_until(at("2026-11-18 12:00")),
    ),
    Case(
        "overlapping slots merge",
        brussels(slots(WEDNESDAY, opens="09:00", closes="13:00") + slots(WEDNESDAY, opens="12:00", closes="17:00")),
        at("2026-11-18 10:00"),
        is_open_until(at("2026-11-18 17:00")),
    ),
    Case(
        "exception closes one day",
        brussels(EVERY_DAY_9_TO_17, closed("2026-11-18")),
        at("2026-11-18 10:00"),
        is_closed_until(at("2026-11-19 09:00")),
    ),
    Case(
        "exception hours replace the weekly ones: before",
        brussels(EVERY_DAY_9_TO_17, special("2026-11-18", None, ("10:00", "14:00"))),
        at("2026-11-18 09:30"),
        is_closed_until(at("2026-11-18 10:00")),
    ),
    Case(
        "exception hours replace the weekly ones: during",
        brussels(EVERY_DAY_9_TO_17, special("2026-11-18", None, ("10:00", "14:00"))),
        at("2026-11-18 13:00"),
        is_open_until(at("2026-11-18 14:00")),
    ),
    Case(
        "exception hours replace the weekly ones: after",
        brussels(EVERY_DAY_9_TO_17, special("2026-11-18", None, ("10:00", "14:00"))),
        at("2026-11-18 15:00"),
        is_closed_until(at("2026-11-19 09:00")),
    ),
    Case(
        "exception opens a day the week has no hours",
        brussels(WEEKDAYS_9_TO_17, special("2026-11-22", None, ("12:00", "15:00"))),
        at("2026-11-21 10:00"),  # Saturday
        is_closed_until(at("2026-11-22 12:00")),
    ),
    Case(
        "closed from Christmas Eve to Sunday",
        brussels(EVERY_DAY_9_TO_17, closed("2026-12-24", "2026-12-27")),
        at("2026-12-24 10:00"),
        is_closed_until(at("2026-12-28 09:00")),
    ),
    Case(
        "closed for three months still finds the next opening",
        brussels(EVERY_DAY_9_TO_17, closed("2026-09-01", "2026-11-30")),
        at("2026-09-15 10:00"),
        is_closed_until(at("2026-12-01 09:00")),
    ),
    Case(
        "a special day inside a closed month wins",
        brussels(
            EVERY_DAY_9_TO_17, closed("2026-11-01", "2026-11-30"), special("2026-11-15", None, ("10:00", "12:00"))
        ),
        at("2026-11-10 10:00"),
        is_closed_until(at("2026-11-15 10:00")),
    ),
    Case(
        "Christmas 2026 is a public holiday",
        brussels(WEEKDAYS_9_TO_17, public_holidays=hours.HOLIDAYS_CLOSED),
        at("2026-12-25 10:00"),  # Friday
        is_closed_until(at("2026-12-28 09:00")),
    ),
    Case(
        "Christmas 2026 without the holiday rule",
        brussels(WEEKDAYS_9_TO_17),
        at("2026-12-25 10:00"),
        is_open_until(at("2026-12-25 17:00")),
    ),
    Case(
        "New Year 2027 is a public holiday",
        brussels(WEEKDAYS_9_TO_17, public_holidays=hours.HOLIDAYS_CLOSED),
        at("2026-12-31 18:00"),
        is_closed_until(at("2027-01-04 09:00")),
    ),
    Case(
        "Easter Monday 2027 is a public holiday",
        brussels(WEEKDAYS_9_TO_17, public_holidays=hours.HOLIDAYS_CLOSED),
        at("2027-03-29 10:00"),
        is_closed_until(at("2027-03-30 09:00")),
    ),
    Case(
        "a night that starts before a holiday runs into it",
        brussels(slots(THURSDAY, opens="22:00", closes="02:00"), public_holidays=hours.HOLIDAYS_CLOSED),
        at("2026-12-25 01:00"),
        is_open_until(at("2026-12-25 02:00")),
    ),
    Case(
        "24/7 closed on holidays closes at Christmas midnight",
        brussels(ROUND_THE_CLOCK, public_holidays=hours.HOLIDAYS_CLOSED),
        at("2026-12-24 10:00"),
        is_open_until(at("2026-12-25 00:00")),
    ),
    Case(
        "24/7 closed on holidays opens again the day after Christmas",
        brussels(ROUND_THE_CLOCK, public_holidays=hours.HOLIDAYS_CLOSED),
        at("2026-12-25 10:00"),
        is_closed_until(at("2026-12-26 00:00")),
    ),
    Case(
        "fall back: a Saturday night slot closes at 06:00 winter time",
        brussels(slots(SATURDAY, opens="22:00", closes="06:00")),
        at("2026-10-24 23:00"),
        is_open_until(at("2026-10-25 06:00")),
    ),
    Case(
        "fall back: open during the second 02:30",
        brussels(slots(SATURDAY, opens="22:00", closes="06:00")),
        at("2026-10-25 02:30", fold=1),
        is_open_until(at("2026-10-25 06:00")),
    ),
    Case(
        "fall back: opens at 17:00 local on the change day",
        brussels(slots(SUNDAY, opens="17:00", closes="19:00")),
        at("2026-10-25 12:00"),
        is_closed_until(at("2026-10-25 17:00")),
    ),
    Case(
        "fall back: an ambiguous opening time is its first occurrence",
        brussels(slots(SUNDAY, opens="02:30", closes="04:00")),
        at("2026-10-25 01:00"),
        is_closed_until(at("2026-10-25 02:30", fold=0)),
    ),
    Case(
        "fall back: a slot inside the repeated hour is over by the second pass",
        brussels(slots(SUNDAY, opens="02:00", closes="02:45")),
        at("2026-10-25 02:15", fold=1),
        is_closed_until(at("2026-11-01 02:00")),
    ),
    Case(
        "spring forward: a Saturday night slot closes at 06:00 summer time",
        brussels(slots(SATURDAY, opens="22:00", closes="06:00")),
        at("2027-03-27 23:00"),
        is_open_until(at("2027-03-28 06:00")),
    ),
    Case(
        "spring forward: opens at 17:00 local on the change day",
        brussels(slots(SUNDAY, opens="17:00", closes="19:00")),
        at("2027-03-28 12:00"),
        is_closed_until(at("2027-03-28 17:00")),
    ),
    Case(
        "spring forward: an opening time in the gap moves to its end",
        brussels(slots(SUNDAY, opens="02:30", closes="04:00")),
        at("2027-03-28 01:59"),
        is_closed_until(at("2027-03-28 03:00")),
    ),
    Case(
        "spring forward: a closing time in the gap moves to its end",
        brussels(slots(SATURDAY, opens="23:00", closes="02:30")),
        at("2027-03-28 01:59"),
        is_open_until(at("2027-03-28 03:00")),
    ),
    Case(
        "spring forward: a slot wholly in the gap never opens that day",
        brussels(slots(SUNDAY, opens="02:00", closes="02:30")),
        at("2027-03-28 00:00"),
        is_closed_until(at("2027-04-04 02:00")),
    ),
    Case(
        "no slots at all: never opens",
        brussels(()),
        at("2026-11-18 10:00"),
        is_closed_until(None),
    ),
    Case(
        "only closed exceptions: never opens",
        brussels((), closed("2026-11-01", "2026-11-30")),
        at("2026-11-18 10:00"),
        is_closed_until(None),
    ),
    Case(
        "closed for longer than the horizon: never opens within it",
        brussels(EVERY_DAY_9_TO_17, closed("2026-11-01", "2028-12-31")),
        at("2026-11-18 10:00"),
        is_closed_until(None),
    ),
    Case(
        "a moment given in UTC is answered in the schedule's zone",
        brussels(slots(WEDNESDAY, opens="18:00", closes="22:00")),
        datetime(2026, 11, 18, 17, 30, tzinfo=UTC),  # 18:30 in Brussels
        is_open_until(at("2026-11-18 22:00")),
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_named_case(case: Case) -> None:
    state = hours.openness(case.schedule, case.at)

    assert state.open_now is case.expected.open_now
    assert exactly(state.closes_at) == exactly(case.expected.closes_at)
    assert exactly(state.next_open_at) == exactly(case.expected.next_open_at)
    assert hours.is_open(case.schedule, case.at) is case.expected.open_now
    assert exactly(hours.closes_at(case.schedule, case.at)) == exactly(case.expected.closes_at)


def exactly(moment: datetime | None) -> tuple[datetime, datetime, object] | None:
    """The instant, the wall clock and the zone: == between datetimes of one zone ignores `fold`."""
    return None if moment is None else (utc(moment), moment.replace(tzinfo=None), moment.tzinfo)


@dataclass(frozen=True)
class Duration:
    name: str
    schedule: Schedule
    at: datetime
    minutes: int


# Each moment is the opening of its slot, so the minutes to closing are the length of the opening.
DURATIONS = [
    Duration(
        "22:00-06:00 on the fall-back night lasts 9 hours",
        brussels(slots(SATURDAY, opens="22:00", closes="06:00")),
        at("2026-10-24 22:00"),
        9 * 60,
    ),
    Duration(
        "22:00-06:00 on the spring-forward night lasts 7 hours",
        brussels(slots(SATURDAY, opens="22:00", closes="06:00")),
        at("2027-03-27 22:00"),
        7 * 60,
    ),
    Duration(
        "00:00-00:00 on the fall-back day lasts 25 hours",
        brussels(slots(SUNDAY, opens="00:00", closes="00:00")),
        at("2026-10-25 00:00"),
        25 * 60,
    ),
    Duration(
        "00:00-00:00 on the spring-forward day lasts 23 hours",
        brussels(slots(SUNDAY, opens="00:00", closes="00:00")),
        at("2027-03-28 00:00"),
        23 * 60,
    ),
]

# Moments inside an opening, minutes before it closes.
MINUTES_TO_CLOSING = [
    Duration(
        "closes in 105 minutes from the first 02:45 to 03:30 on the fall-back night",
        brussels(slots(SATURDAY, opens="23:00", closes="03:30")),
        at("2026-10-25 02:45", fold=0),
        105,
    ),
    Duration(
        "closes in 45 minutes from the second 02:45 to 03:30 on the fall-back night",
        brussels(slots(SATURDAY, opens="23:00", closes="03:30")),
        at("2026-10-25 02:45", fold=1),
        45,
    ),
    Duration(
        "closes in 90 minutes from 01:30 to 04:00 on the spring-forward night",
        brussels(slots(SATURDAY, opens="23:00", closes="04:00")),
        at("2027-03-28 01:30"),
        90,
    ),
    Duration(
        "closes in 30 minutes from 01:30 to 02:30, which is 03:00, on the spring-forward night",
        brussels(slots(SATURDAY, opens="23:00", closes="02:30")),
        at("2027-03-28 01:30"),
        30,
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in DURATIONS + MINUTES_TO_CLOSING])
def test_minutes_to_closing_across_a_clock_change(case: Duration) -> None:
    closing = hours.closes_at(case.schedule, case.at)

    assert closing is not None
    assert utc(closing) - utc(case.at) == timedelta(minutes=case.minutes)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in DURATIONS])
def test_span_lengths_across_a_clock_change(case: Duration) -> None:
    (span,) = hours.spans(case.schedule, case.at, days=1)

    assert span.start == case.at
    assert utc(span.end) - utc(span.start) == timedelta(minutes=case.minutes)


def test_one_moment_asked_of_channels_in_zones_a_day_apart() -> None:
    moment = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)
    # Thursday 00:30 on Kiritimati (UTC+14), Tuesday 23:30 on Pago Pago (UTC-11).
    kiritimati = Schedule("Pacific/Kiritimati", slots(THURSDAY, opens="00:00", closes="01:00"))
    pago_pago = Schedule("Pacific/Pago_Pago", slots(TUESDAY, opens="23:00", closes="00:00"))

    for schedule in (kiritimati, pago_pago, kiritimati):
        assert hours.is_open(schedule, moment)
        assert hours.openness(schedule, moment).closes_at == datetime(2026, 11, 18, 11, 0, tzinfo=UTC)


def test_next_opening_when_closed_is_the_next_start() -> None:
    schedule = brussels(WEEKDAYS_9_TO_17)

    assert hours.next_opening(schedule, at("2026-11-18 08:00")) == at("2026-11-18 09:00")
    assert hours.next_opening(schedule, at("2026-11-20 17:00")) == at("2026-11-23 09:00")  # Friday to Monday


def test_next_opening_when_open_is_the_opening_after_the_current_one() -> None:
    schedule = brussels(WEEKDAYS_9_TO_17)

    assert hours.next_opening(schedule, at("2026-11-18 09:00")) == at("2026-11-19 09:00")
    assert hours.next_opening(schedule, at("2026-11-18 16:59")) == at("2026-11-19 09:00")
    assert hours.openness(schedule, at("2026-11-18 10:00")).next_open_at is None


def test_next_opening_of_a_channel_that_never_closes_is_none() -> None:
    assert hours.next_opening(brussels(ROUND_THE_CLOCK), at("2026-11-18 10:00")) is None


def test_next_opening_after_a_24_7_run_that_ends_on_a_holiday() -> None:
    schedule = brussels(ROUND_THE_CLOCK, public_holidays=hours.HOLIDAYS_CLOSED)

    assert hours.next_opening(schedule, at("2026-12-20 10:00")) == at("2026-12-26 00:00")


def test_closes_at_when_closed_is_none() -> None:
    assert hours.closes_at(brussels(WEEKDAYS_9_TO_17), at("2026-11-18 18:00")) is None


def test_spans_are_whole_merged_and_in_order() -> None:
    schedule = brussels(
        slots(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, opens="18:00", closes="00:00")
        + slots(TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, opens="00:00", closes="02:00")
    )

    week = hours.spans(schedule, at("2026-11-17 01:00"), days=7)  # Tuesday night, already open since Monday

    assert [(span.start, span.end) for span in week] == [
        (at(f"2026-11-{day} 18:00"), at(f"2026-11-{day + 1} 02:00")) for day in (16, 17, 18, 19, 20, 23)
    ]


def test_spans_of_an_empty_week_are_empty() -> None:
    assert hours.spans(brussels(EVERY_DAY_9_TO_17, closed("2026-11-01", "2026-11-30")), at("2026-11-10 00:00")) == []


def test_spans_of_24_7_are_one_span_cut_at_the_horizon() -> None:
    moment = at("2026-11-18 10:00")

    (only,) = hours.spans(brussels(ROUND_THE_CLOCK), moment)

    assert only.start < moment - timedelta(days=hours.SEARCH_HORIZON_DAYS - 2)
    assert only.end > moment + timedelta(days=hours.SEARCH_HORIZON_DAYS)


def test_spans_of_noon_to_noon_with_holidays_start_at_noon_after_a_holiday() -> None:
    schedule = brussels(NOON_TO_NOON, public_holidays=hours.HOLIDAYS_CLOSED)

    week = hours.spans(schedule, at("2026-12-28 10:00"), days=7)

    assert [(span.start, span.end) for span in week] == [
        (at("2026-12-26 12:00"), at("2027-01-01 12:00")),  # Christmas Day's slot is dropped, New Year's too
        (at("2027-01-02 12:00"), at("2027-03-28 12:00")),  # until Easter Sunday, a holiday in the package
    ]


def test_spans_of_24_7_with_holidays_run_between_holidays() -> None:
    schedule = brussels(ROUND_THE_CLOCK, public_holidays=hours.HOLIDAYS_CLOSED)

    week = hours.spans(schedule, at("2026-12-22 10:00"), days=7)

    assert [(span.start, span.end) for span in week] == [
        (at("2026-11-12 00:00"), at("2026-12-25 00:00")),  # from the day after Armistice Day
        (at("2026-12-26 00:00"), at("2027-01-01 00:00")),  # until New Year
    ]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(lambda schedule, moment: hours.openness(schedule, moment), id="openness"),
        pytest.param(lambda schedule, moment: hours.is_open(schedule, moment), id="is_open"),
        pytest.param(lambda schedule, moment: hours.next_opening(schedule, moment), id="next_opening"),
        pytest.param(lambda schedule, moment: hours.closes_at(schedule, moment), id="closes_at"),
        pytest.param(lambda schedule, moment: hours.spans(schedule, moment), id="spans"),
    ],
)
def test_a_naive_moment_is_refused(question: Callable[[Schedule, datetime], object]) -> None:
    naive = datetime(2026, 11, 18, 10, 0)  # noqa: DTZ001  (the point of the test)

    with pytest.raises(ValueError, match="naive"):
        question(brussels(EVERY_DAY_9_TO_17), naive)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(lambda: WeeklySlot(7, time(9), time(17)), "weekday 7", id="weekday out of range"),
        pytest.param(lambda: WeeklySlot(0, time(9, 0, 30), time(17)), "whole minute", id="seconds"),
        pytest.param(lambda: WeeklySlot(0, time(9), time(17, 0, 0, 5)), "whole minute", id="microseconds"),
        pytest.param(lambda: WeeklySlot(0, time(9, tzinfo=UTC), time(17)), "time zone", id="aware time"),
        pytest.param(
            lambda: DateException(date(2026, 12, 27), date(2026, 12, 24)), "before it starts", id="dates reversed"
        ),
        pytest.param(
            lambda: DateException(date(2026, 12, 24), date(2026, 12, 24), ((time(9, 0, 1), time(12)),)),
            "whole minute",
            id="exception seconds",
        ),
        pytest.param(
            lambda: hours.is_open(Schedule("Europe/Brusels"), at("2026-11-18 10:00")),
            "not an IANA time zone",
            id="misspelt zone",
        ),
        pytest.param(lambda: hours.spans(brussels(()), at("2026-11-18 10:00"), days=0), "at least 1", id="no days"),
    ],
)
def test_nonsense_is_refused_with_a_clear_message(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_hours_does_not_import_django() -> None:
    code = (
        "import sys, directory.hours; "
        "print('directory.hours' in sys.modules, sorted(name for name in sys.modules if name.startswith('django')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.split() == ["True", "[]"]


# Properties --------------------------------------------------------------------------------------------------
#
# Zones with clock changes of every kind: Brussels (the real one), Lord Howe (30-minute change),
# Santiago (changes at midnight) and UTC (none).
ZONES = ("Europe/Brussels", "Australia/Lord_Howe", "America/Santiago", "UTC")
FIRST_DAY, LAST_DAY = date(2026, 1, 1), date(2028, 12, 31)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY = 86_400


def _epoch_seconds(day: date) -> int:
    return (day - EPOCH.date()).days * DAY


def _clock_changes(zone: ZoneInfo) -> list[int]:
    """The hours (epoch seconds) in which the zone's offset changes in 2026-2028."""

    def offset(instant: int) -> timedelta | None:
        return datetime.fromtimestamp(instant, zone).utcoffset()

    daily = range(_epoch_seconds(FIRST_DAY), _epoch_seconds(LAST_DAY), DAY)
    changing_days = [day for day in daily if offset(day) != offset(day + DAY)]
    return [
        hour
        for day in changing_days
        for hour in range(day + 3600, day + DAY + 1, 3600)
        if offset(hour - 3600) != offset(hour)
    ]


BELGIAN_PUBLIC_HOLIDAYS = sorted(holidays.country_holidays("BE", years=range(2026, 2029)))


def _seconds_in_2026_to_2028(zone_name: str) -> st.SearchStrategy[int]:
    """Epoch seconds: anywhere, around Belgian public holidays, and before and around clock changes."""
    options = [
        st.integers(_epoch_seconds(FIRST_DAY), _epoch_seconds(LAST_DAY)),
        st.sampled_from(BELGIAN_PUBLIC_HOLIDAYS).flatmap(
            lambda holiday: st.integers(_epoch_seconds(holiday) - DAY, _epoch_seconds(holiday) + 2 * DAY)
        ),
    ]
    if changes := _clock_changes(ZoneInfo(zone_name)):
        options += [
            st.sampled_from(changes).flatmap(lambda change: st.integers(change - 2 * DAY, change)),  # searches cross it
            st.sampled_from(changes).flatmap(lambda change: st.integers(change - 3 * 3600, change + 3 * 3600)),
        ]
    return st.one_of(*options)


# Strategies are built once: building them for every example costs more than the examples.
SECONDS_BY_ZONE = {name: _seconds_in_2026_to_2028(name) for name in ZONES}
# The times where clock changes happen are likelier than others.
WALL_TIMES = st.one_of(
    st.sampled_from([time(0), time(1), time(2), time(2, 30), time(3), time(17), time(23, 30)]),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
# Days after the day asked about: often that day or the one before, so that the slots matter.
WEEKDAY_SHIFTS = st.one_of(st.sampled_from([0, -1]), st.integers(0, 6))
WEEKLY_SLOT_PARTS = st.lists(st.tuples(WEEKDAY_SHIFTS, WALL_TIMES, WALL_TIMES), max_size=8)
WHOLE_WEEKS = st.sampled_from([None, None, None, ROUND_THE_CLOCK, NOON_TO_NOON, EVERY_DAY_9_TO_17])
# (days after the day asked about, length in days - 1, slots): near it, so that they matter and overlap.
EXCEPTION_PARTS = st.lists(
    st.tuples(
        st.integers(-45, 5),
        st.sampled_from([0, 0, 1, 3, 40]),
        st.lists(st.tuples(WALL_TIMES, WALL_TIMES), max_size=2),
    ),
    max_size=3,
)


@st.composite
def schedules_and_moments(draw: st.DrawFn) -> tuple[Schedule, datetime]:
    """A moment in 2026-2028 (in the zone or in UTC, often near a clock change) and a schedule around it."""
    zone_name = draw(st.sampled_from(ZONES))
    seconds = draw(SECONDS_BY_ZONE[zone_name])
    if draw(st.booleans()):  # on the minute, where slots open and close
        instant = EPOCH + timedelta(seconds=seconds - seconds % 60)
    else:
        instant = EPOCH + timedelta(seconds=seconds, microseconds=draw(st.integers(0, 999_999)))
    near = instant.astimezone(ZoneInfo(zone_name)).date()
    weekly = draw(WHOLE_WEEKS) or tuple(
        WeeklySlot((near.weekday() + shift) % 7, opens, closes) for shift, opens, closes in draw(WEEKLY_SLOT_PARTS)
    )
    exceptions = tuple(
        DateException(near + timedelta(days=shift), near + timedelta(days=shift + extra_days), tuple(day_slots))
        for shift, extra_days, day_slots in draw(EXCEPTION_PARTS)
    )
    schedule = Schedule(zone_name, weekly, exceptions, public_holidays=draw(st.sampled_from(hours.HOLIDAY_STATES)))
    return schedule, instant if draw(st.booleans()) else instant.astimezone(ZoneInfo(zone_name))


PROPERTY_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def oracle_is_open(schedule: Schedule, moment: datetime) -> bool:
    """The rules written out plainly, slot by slot, without the engine's index, caches or shortcuts."""
    zone = ZoneInfo(schedule.time_zone)
    today = moment.astimezone(zone).date()
    for day in (today - timedelta(days=1), today):
        covering = [exception for exception in schedule.exceptions if exception.first_day <= day <= exception.last_day]
        if covering:
            day_slots = list(min(covering, key=lambda exception: exception.last_day - exception.first_day).slots)
        elif schedule.public_holidays != hours.HOLIDAYS_OPEN and day in BELGIAN_PUBLIC_HOLIDAYS:  # unknown is not open
            day_slots = []
        else:
            day_slots = [(slot.opens, slot.closes) for slot in schedule.weekly if slot.weekday == day.weekday()]
        for opens, closes in day_slots:
            ends_on = day + timedelta(days=1) if closes <= opens else day
            start = oracle_instant(datetime.combine(day, opens), zone)
            end = oracle_instant(datetime.combine(ends_on, closes), zone)
            if start <= moment < end:
                return True
    return False


def oracle_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant whose local wall time is `wall`, or if there is none, the first one after it."""
    for fold in (0, 1):
        candidate = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if candidate.astimezone(zone).replace(tzinfo=None) == wall:
            return candidate  # fold=0 first: the earlier of two occurrences
    candidate = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)  # before the gap
    while candidate.astimezone(zone).replace(tzinfo=None) < wall:
        candidate += timedelta(minutes=1)
    return candidate


@settings(PROPERTY_SETTINGS, max_examples=300)  # the one property that checks the rules themselves
@given(schedules_and_moments())
def test_is_open_follows_the_rules_slot_by_slot(case: tuple[Schedule, datetime]) -> None:
    schedule, moment = case

    # Every quarter of an hour for half a day either side, so that openings and closings are crossed.
    for quarter in range(-48, 49):
        nearby = utc(moment) + timedelta(minutes=15 * quarter)
        assert hours.is_open(schedule, nearby) is oracle_is_open(schedule, nearby), nearby


@PROPERTY_SETTINGS
@given(schedules_and_moments())
def test_openness_agrees_with_the_single_questions(case: tuple[Schedule, datetime]) -> None:
    schedule, moment = case

    state = hours.openness(schedule, moment)

    assert bool(state.open_now) is hours.is_open(schedule, moment)
    if state.open_now is None:  # only a holiday nobody knows about, on which the slots would be open
        assert schedule.public_holidays == hours.HOLIDAYS_UNKNOWN
        assert hours.is_open(dataclasses.replace(schedule, public_holidays=hours.HOLIDAYS_OPEN), moment)
        assert not hours.certainty(schedule, moment).confirmed
    assert state.closes_at == hours.closes_at(schedule, moment)
    if state.open_now:
        assert state.next_open_at is None
    else:
        assert state.closes_at is None
        assert state.next_open_at == hours.next_opening(schedule, moment)


@PROPERTY_SETTINGS
@given(schedules_and_moments())
def test_next_opening_is_later_open_and_closed_just_before(case: tuple[Schedule, datetime]) -> None:
    schedule, moment = case
    opening = hours.next_opening(schedule, moment)
    if opening is None:
        return

    assert opening > moment
    assert opening.tzinfo == ZoneInfo(schedule.time_zone)
    assert hours.is_open(schedule, opening)
    assert not hours.is_open(schedule, utc(opening) - MICROSECOND)
    if not hours.is_open(schedule, moment):
        assert not hours.is_open(schedule, utc(moment) + (utc(opening) - utc(moment)) / 2)


@PROPERTY_SETTINGS
@given(schedules_and_moments())
def test_closing_is_later_closed_and_open_just_before(case: tuple[Schedule, datetime]) -> None:
    schedule, moment = case
    closing = hours.closes_at(schedule, moment)
    if closing is None:
        return

    assert closing > moment
    assert closing.tzinfo == ZoneInfo(schedule.time_zone)
    assert not hours.is_open(schedule, closing)
    assert hours.is_open(schedule, utc(closing) - MICROSECOND)
    assert hours.is_open(schedule, utc(moment) + (utc(closing) - utc(moment)) / 2)


@PROPERTY_SETTINGS
@given(schedules_and_moments())
def test_is_open_agrees_with_spans(case: tuple[Schedule, datetime]) -> None:
    schedule, moment = case
    week = hours.spans(schedule, moment, days=3)
    horizon = timedelta(days=hours.SEARCH_HORIZON_DAYS - 2)

    assert hours.is_open(schedule, moment) is any(span.start <= moment < span.end for span in week)
    for earlier, later in pairwise(week):
        assert earlier.end < later.start  # merged: spans never touch
    for span in week:
        assert span.start < span.end
        assert span.end > moment
        assert span.start < utc(moment) + timedelta(days=3)
        assert hours.is_open(schedule, span.start)
        assert hours.is_open(schedule, utc(span.end) - MICROSECOND)
        if span.start > utc(moment) - horizon:  # whole: closed just before it
            assert not hours.is_open(schedule, utc(span.start) - MICROSECOND)
        if span.end < utc(moment) + horizon:  # whole: closed when it ends
            assert not hours.is_open(schedule, span.end)


# -- Public holidays in three states, and how sure an answer is ------------------------------------

CHRISTMAS_TUESDAY = "2029-12-25"  # a Tuesday and a Belgian public holiday
WEEKDAY_DAYTIME = slots(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, opens="10:00", closes="20:00")


@dataclass(frozen=True)
class HolidayCase:
    name: str
    public_holidays: str
    at: datetime
    expected: Openness


HOLIDAY_CASES = [
    HolidayCase(
        "closed on christmas says when it opens after it",
        hours.HOLIDAYS_CLOSED,
        at(f"{CHRISTMAS_TUESDAY} 12:00"),
        Openness(open_now=False, closes_at=None, next_open_at=at("2029-12-26 10:00")),
    ),
    HolidayCase(
        "open on christmas keeps its weekday hours",
        hours.HOLIDAYS_OPEN,
        at(f"{CHRISTMAS_TUESDAY} 12:00"),
        Openness(open_now=True, closes_at=at(f"{CHRISTMAS_TUESDAY} 20:00"), next_open_at=None),
    ),
    HolidayCase(
        "unknown on christmas during its hours is neither open nor closed",
        hours.HOLIDAYS_UNKNOWN,
        at(f"{CHRISTMAS_TUESDAY} 12:00"),
        Openness(open_now=None, closes_at=None, next_open_at=at("2029-12-26 10:00")),
    ),
    HolidayCase(
        "unknown on christmas outside its hours is simply closed",
        hours.HOLIDAYS_UNKNOWN,
        at(f"{CHRISTMAS_TUESDAY} 22:00"),
        Openness(open_now=False, closes_at=None, next_open_at=at("2029-12-26 10:00")),
    ),
    HolidayCase(
        "unknown on an ordinary day is open as usual",
        hours.HOLIDAYS_UNKNOWN,
        at("2029-12-27 12:00"),
        Openness(open_now=True, closes_at=at("2029-12-27 20:00"), next_open_at=None),
    ),
    HolidayCase(
        "unknown before a holiday names the next certain opening",
        hours.HOLIDAYS_UNKNOWN,
        at("2029-12-24 21:00"),
        Openness(open_now=False, closes_at=None, next_open_at=at("2029-12-26 10:00")),
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in HOLIDAY_CASES])
def test_public_holiday_state(case: HolidayCase) -> None:
    schedule = brussels(WEEKDAY_DAYTIME, public_holidays=case.public_holidays)

    assert hours.openness(schedule, case.at) == case.expected
    assert hours.is_open(schedule, case.at) is bool(case.expected.open_now)


def test_a_holiday_of_unknown_behaviour_is_never_confirmed() -> None:
    schedule = brussels(
        slots(*range(7), opens="10:00", closes="20:00", confidence=hours.PRIMARY_DATED),
        public_holidays=hours.HOLIDAYS_UNKNOWN,
    )

    assert hours.certainty(schedule, at(f"{CHRISTMAS_TUESDAY} 12:00")) == hours.Certainty(
        confirmed=False, reason=hours.UNCERTAIN_HOLIDAY
    )
    assert hours.certainty(schedule, at("2029-12-27 12:00")) == hours.Certainty(confirmed=True)


def test_an_unknown_holiday_state_is_refused() -> None:
    with pytest.raises(ValueError, match="public_holidays 'maybe'"):
        Schedule("Europe/Brussels", WEEKDAY_DAYTIME, (), "maybe")


def test_an_unknown_confidence_is_refused() -> None:
    with pytest.raises(ValueError, match="confidence 'rumour'"):
        WeeklySlot(MONDAY, hhmm("10:00"), hhmm("12:00"), "rumour")


@dataclass(frozen=True)
class CertaintyCase:
    name: str
    weekly: tuple[WeeklySlot, ...]
    at: datetime
    expected: hours.Certainty
    verified_until: date | None = None


PRIMARY_WEDNESDAY = slots(WEDNESDAY, opens="14:00", closes="22:00", confidence=hours.PRIMARY_DATED)
SECONDARY_OTHER_DAYS = slots(MONDAY, TUESDAY, THURSDAY, FRIDAY, opens="16:00", closes="22:00")
AWEL_LIKE = PRIMARY_WEDNESDAY + SECONDARY_OTHER_DAYS
TUESDAY_EVENING = at("2026-12-08 18:00")  # a Tuesday
WEDNESDAY_EVENING = at("2026-12-09 18:00")
CONFIRMED = hours.Certainty(confirmed=True)
SECONDARY_ONLY = hours.Certainty(confirmed=False, reason=hours.UNCERTAIN_SECONDARY)

CERTAINTY_CASES = [
    CertaintyCase("a primary slot in force is confirmed", AWEL_LIKE, WEDNESDAY_EVENING, CONFIRMED),
    CertaintyCase("a secondary slot in force is not", AWEL_LIKE, TUESDAY_EVENING, SECONDARY_ONLY),
    CertaintyCase(
        "closed: the next opening's slot decides (wednesday 14:00, primary)",
        AWEL_LIKE,
        at("2026-12-08 23:00"),
        CONFIRMED,
    ),
    CertaintyCase(
        "closed: the next opening's slot decides (thursday 16:00, secondary)",
        AWEL_LIKE,
        at("2026-12-09 23:00"),
        SECONDARY_ONLY,
    ),
    CertaintyCase(
        "an official undated slot is confirmed",
        slots(*range(7), opens="00:00", closes="00:00", confidence=hours.OFFICIAL_UNDATED),
        TUESDAY_EVENING,
        CONFIRMED,
    ),
    CertaintyCase(
        "a historical slot is never confirmed",
        slots(TUESDAY, opens="17:00", closes="21:00", confidence=hours.HISTORICAL),
        TUESDAY_EVENING,
        hours.Certainty(confirmed=False, reason=hours.UNCERTAIN_HISTORICAL),
    ),
    CertaintyCase(
        "one secondary day in a 24/7 week leaves the whole opening unconfirmed",
        slots(*range(6), opens="00:00", closes="00:00", confidence=hours.PRIMARY_DATED)
        + slots(SUNDAY, opens="00:00", closes="00:00"),
        TUESDAY_EVENING,
        SECONDARY_ONLY,
    ),
    CertaintyCase(
        "an overnight slot of the day before counts for the early hours",
        slots(MONDAY, opens="22:00", closes="02:00", confidence=hours.HISTORICAL)
        + slots(TUESDAY, opens="10:00", closes="12:00", confidence=hours.PRIMARY_DATED),
        at("2026-12-08 01:00"),
        hours.Certainty(confirmed=False, reason=hours.UNCERTAIN_HISTORICAL),
    ),
    CertaintyCase(
        "a person's verification that still holds confirms secondary slots",
        SECONDARY_OTHER_DAYS,
        TUESDAY_EVENING,
        CONFIRMED,
        verified_until=date(2026, 12, 8),
    ),
    CertaintyCase(
        "a verification that ran out confirms nothing, even primary slots",
        PRIMARY_WEDNESDAY,
        WEDNESDAY_EVENING,
        hours.Certainty(confirmed=False, reason=hours.UNCERTAIN_VERIFICATION_EXPIRED),
        verified_until=date(2026, 12, 8),
    ),
    CertaintyCase(
        "no opening at all is nothing to be sure of",
        (),
        TUESDAY_EVENING,
        hours.Certainty(confirmed=False, reason=hours.UNCERTAIN_NO_OPENING),
    ),
    CertaintyCase(
        "a slot wholly inside the spring-forward gap is not in force",
        slots(SUNDAY, opens="02:00", closes="02:30")
        + slots(SUNDAY, opens="10:00", closes="12:00", confidence=hours.PRIMARY_DATED),
        at("2027-03-28 01:00"),
        CONFIRMED,
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CERTAINTY_CASES])
def test_certainty(case: CertaintyCase) -> None:
    schedule = Schedule("Europe/Brussels", case.weekly, (), hours.HOLIDAYS_OPEN, case.verified_until)

    assert hours.certainty(schedule, case.at) == case.expected


def test_an_opening_from_a_date_exception_is_confirmed() -> None:
    schedule = brussels(SECONDARY_OTHER_DAYS, special("2026-12-08", None, ("09:00", "12:00")))

    assert hours.certainty(schedule, at("2026-12-08 10:00")) == CONFIRMED
