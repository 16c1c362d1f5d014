"""How the cost of one `rank()` call grows with the directory: ~25 services against 10,000.

Not a test. Run from the project root:  .venv/bin/python bench/bench_ranking.py [--calls N]

The small directory is shaped like the real Flemish one; the large one adds made-up services with
varied ages, topics, languages and hours (tests/referral/test_ranking.py builds both). Each
directory is indexed once, as the snapshot does; then the same varied answers and moments (every
hour of the week, day and night) are ranked on both. Prints mean and p95 per call, and the ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root, for the imports below

from directory.entries import Catalog
from referral.candidates import CatalogIndex
from referral.ranking import index_catalog, rank
from referral.triage import Answers
from tests.referral.test_ranking import BRUSSELS, TOPICS, flemish_services, synthetic_services

LARGE = 10_000


def workload(count: int, seed: int) -> list[tuple[Answers, datetime]]:
    """Varied answers at moments spread over a week, mostly Dutch, some in danger or for a friend."""
    rng = random.Random(seed)
    monday = datetime(2026, 3, 9, tzinfo=BRUSSELS)
    cases = []
    for _ in range(count):
        answers = Answers(
            age=rng.choice((None, 11, 13, 14, 15, 16, 17, 19, 22, 30, 45)),
            topics=tuple(rng.sample(TOPICS, rng.choice((1, 1, 2, 3)))),
            danger_now=rng.random() < 0.1,
            for_whom=rng.choice(("self", "self", "someone_else")),
            channels=tuple(rng.sample(("phone", "chat", "email", "walk-in"), rng.choice((0, 0, 1, 2)))),
            language=rng.choices(("nl", "fr", "en"), (85, 10, 5))[0],
            limit=rng.choice((1, 3, 3, 5, 10)),
        )
        cases.append((answers, monday + timedelta(minutes=rng.randrange(7 * 24 * 60))))
    return cases


def timed_index(catalog: Catalog) -> tuple[CatalogIndex, float]:
    start = time.perf_counter()
    index = index_catalog(catalog)
    return index, time.perf_counter() - start


def one_round(index: CatalogIndex, cases: list[tuple[Answers, datetime]]) -> list[float]:
    times = []
    for answers, at in cases:
        start = time.perf_counter_ns()
        rank(answers, index, at)
        times.append((time.perf_counter_ns() - start) / 1e6)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=500, help="answers per round (default 500)")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()

    small_services = flemish_services()
    large_services = small_services + synthetic_services(LARGE - len(small_services) - 2, seed=2026)
    cases = workload(arguments.calls, seed=1)
    catalogs = {"small": small_services, "large": large_services}
    indexes = {}
    for name, services in catalogs.items():
        indexes[name], build = timed_index(Catalog(services=services, version=name))
        print(f"{name:>5}: {len(services):>6} services, index built once in {build * 1000:7.1f} ms")
        # An untimed round: the hours engine caches per day and per year (the first call that needs
        # next year's public holidays takes some 200 ms), as a running server already has them.
        one_round(indexes[name], cases)
    times: dict[str, list[float]] = {name: [] for name in catalogs}
    for _ in range(arguments.rounds):
        for name, index in indexes.items():  # interleaved, so that both see the same machine load
            times[name] += one_round(index, cases)
    figures = {name: (statistics.fmean(each), statistics.median(each), p95(each)) for name, each in times.items()}
    for name, (mean, median, high) in figures.items():
        print(
            f"{name:>5}: rank() mean {mean:.3f} ms, median {median:.3f} ms, p95 {high:.3f} ms "
            f"({len(times[name])} calls)"
        )
    small, large = figures["small"], figures["large"]
    print(
        f"ratio large/small: mean {large[0] / small[0]:.2f}x, median {large[1] / small[1]:.2f}x, "
        f"p95 {large[2] / small[2]:.2f}x"
    )


if __name__ == "__main__":
    main()
