"""A whole triage answer in process, on the real Flemish directory: snapshot -> rank -> messages.

Not a test. Run from the project root:  .venv/bin/python bench/bench_triage.py [--calls N]

Loads fixtures/directory/ into an in-memory SQLite database, builds the snapshot once (as a
running server does), then times `triage_answer()` (ranking, texts and the referral message for
every suggestion: what the API serialises) for varied answers over a week.
bench/bench_ranking.py compares `rank()` alone at the real size and at 10,000 services.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.bench_ranking import p95, workload  # noqa: E402
from directory.snapshot import snapshot  # noqa: E402
from referral.suggest import triage_answer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=500)
    calls = parser.parse_args().calls
    call_command("migrate", verbosity=0)
    call_command("seed_directory", verbosity=0)
    started = time.perf_counter()
    services = len(snapshot().catalog.services)
    built_ms = (time.perf_counter() - started) * 1000
    print(f"real directory: {services} published services, snapshot built in {built_ms:.1f} ms")
    cases = workload(calls, seed=7)
    for answers, at in cases[:20]:  # warm up (public holidays of the year, caches)
        triage_answer(answers, at)
    durations = []
    for answers, at in cases:
        started = time.perf_counter()
        triage_answer(answers, at)
        durations.append((time.perf_counter() - started) * 1000)
    print(
        f"triage (triage_answer): mean {statistics.mean(durations):.2f} ms, "
        f"median {statistics.median(durations):.2f} ms, p95 {p95(durations):.2f} ms ({calls} calls)"
    )


if __name__ == "__main__":
    main()
