"""Speed of the hours engine: openness() for 10,000 varied channels at one moment.

Run from the project root: .venv/bin/python bench/bench_hours.py
Target: under 100 ms for all 10,000 channels.

Three figures per moment, because a request builds fresh Schedule objects from the database:
- the same Schedule objects asked again,
- fresh Schedule objects equal to ones seen before (what every request does),
- schedules the engine has not seen yet (each one compiled first, as after an edit).
Each figure is the best of several runs; on a shared virtual machine speed can vary twofold from
one minute to the next, so compare figures from the same run.
"""

from __future__ import annotations

import gc
import random
import sys
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import hours

CHANNELS = 10_000
RUNS = 9
BRUSSELS = "Europe/Brussels"
MOMENTS = (
    datetime(2026, 11, 18, 15, 10, tzinfo=ZoneInfo(BRUSSELS)),  # an ordinary Wednesday afternoon
    datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo(BRUSSELS)),  # inside the repeated hour of the fall-back night
)
EXCEPTIONS_FROM = date(2026, 10, 20)


def _quarter_hour(rng: random.Random, first_hour: int, last_hour: int) -> time:
    return time(rng.randint(first_hour, last_hour), rng.choice((0, 15, 30, 45)))


def _round_the_clock(rng: random.Random) -> tuple[hours.WeeklySlot, ...]:
    return tuple(hours.WeeklySlot(day, time(0), time(0)) for day in range(7))


def _evenings(rng: random.Random) -> tuple[hours.WeeklySlot, ...]:
    opens, closes = _quarter_hour(rng, 16, 19), _quarter_hour(rng, 21, 23)
    return tuple(hours.WeeklySlot(day, opens, closes) for day in range(7) if rng.random() < 0.8)


def _split_days(rng: random.Random) -> tuple[hours.WeeklySlot, ...]:
    morning = (_quarter_hour(rng, 8, 10), _quarter_hour(rng, 11, 12))
    afternoon = (_quarter_hour(rng, 13, 14), _quarter_hour(rng, 16, 18))
    return tuple(hours.WeeklySlot(day, *slot) for day in range(5) for slot in (morning, afternoon))


def _overnight(rng: random.Random) -> tuple[hours.WeeklySlot, ...]:
    opens, closes = _quarter_hour(rng, 18, 23), _quarter_hour(rng, 0, 7)
    return tuple(hours.WeeklySlot(day, opens, closes) for day in range(7))


def _office(rng: random.Random) -> tuple[hours.WeeklySlot, ...]:
    return tuple(hours.WeeklySlot(day, _quarter_hour(rng, 8, 10), _quarter_hour(rng, 16, 20)) for day in range(6))


PATTERNS: tuple[Callable[[random.Random], tuple[hours.WeeklySlot, ...]], ...] = (
    _round_the_clock,
    _evenings,
    _split_days,
    _overnight,
    _office,
)


def _exceptions(rng: random.Random) -> tuple[hours.DateException, ...]:
    kind = rng.random()
    if kind < 0.6:
        return ()
    # Near the moments measured, so that they matter.
    day = EXCEPTIONS_FROM + timedelta(days=rng.randint(0, 35))
    if kind < 0.8:  # closed for a day or a few
        return (hours.DateException(day, day + timedelta(days=rng.randint(0, 3))),)
    if kind < 0.9:  # special hours on one day
        return (hours.DateException(day, day, ((time(10), time(14)),)),)
    return (hours.DateException(date(2026, 9, 1), date(2026, 12, 31)),)  # closed for the season


def build_schedules(seed: int) -> list[hours.Schedule]:
    rng = random.Random(seed)
    return [
        hours.Schedule(
            time_zone=BRUSSELS,
            weekly=rng.choice(PATTERNS)(rng),
            exceptions=_exceptions(rng),
            public_holidays=rng.choice(hours.HOLIDAY_STATES),
        )
        for _ in range(CHANNELS)
    ]


def timed(schedules: list[hours.Schedule], moment: datetime) -> tuple[float, float]:
    """Wall-clock and CPU seconds; CPU time is what to compare when other processes share the machine."""
    gc.collect()  # settle the objects just built, so that only the engine's own allocations are timed
    started, started_cpu = clock.perf_counter(), clock.process_time()
    for schedule in schedules:
        hours.openness(schedule, moment)
    return clock.perf_counter() - started, clock.process_time() - started_cpu


def report(label: str, runs: list[tuple[float, float]]) -> None:
    wall, cpu = min(wall for wall, _cpu in runs), min(cpu for _wall, cpu in runs)
    print(
        f"  {label:<48} {wall * 1000:6.1f} ms ({wall / CHANNELS * 1e6:5.2f} µs per channel), CPU {cpu * 1000:6.1f} ms"
    )


def main() -> None:
    schedules = build_schedules(seed=0)
    print(f"openness() for {CHANNELS:,} channels, best of {RUNS} runs")
    for moment in MOMENTS:
        open_now = sum(hours.openness(schedule, moment).open_now for schedule in schedules)
        print(f"at {moment.isoformat()} ({open_now:,} open):")
        report("the same Schedule objects again", [timed(schedules, moment) for _ in range(RUNS)])
        report(
            "fresh but equal Schedule objects (per request)", [timed(build_schedules(0), moment) for _ in range(RUNS)]
        )
    # Last, because thousands of new schedules crowd the caches the figures above rely on.
    for index, moment in enumerate(MOMENTS):
        # Seeds no run has used: nearly every schedule is new to the engine and compiled first.
        unseen = (build_schedules(seed=1000 * (index + 1) + run) for run in range(RUNS))
        report(f"new schedules at {moment:%Y-%m-%d %H:%M} (compiled first)", [timed(batch, moment) for batch in unseen])


if __name__ == "__main__":
    main()
