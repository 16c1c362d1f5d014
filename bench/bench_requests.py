"""Per-request time of each benchmarked endpoint in process (Django's test client, every
middleware), and optionally a cProfile of one of them: where a request spends its time.

Not a test. Needs a database with the directory, e.g. the one `make bench-http` prepares:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/referral_bench .venv/bin/python bench/bench_requests.py [triage]
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.bench_http import BENCH_SETTINGS

os.environ.update(BENCH_SETTINGS, ALLOWED_HOSTS="testserver")

import django

django.setup()

from django.test import Client  # noqa: E402

import config.wsgi  # noqa: E402, F401  # as in a server worker: the snapshot built, then gc.freeze()

CALLS = 300
client = Client()
body = json.dumps({"age": 13, "topics": ["self-harm"], "danger_now": False, "for_whom": "self"})
ENDPOINTS: dict[str, Callable[[], object]] = {
    "floor": lambda: client.get("/bench/floor/"),
    "triage": lambda: client.post("/api/v1/triage/", body, content_type="application/json"),
    "list": lambda: client.get("/api/v1/services/?age=13&topic=self-harm"),
    "detail": lambda: client.get("/api/v1/services/awel/"),
    "home": lambda: client.get("/"),
}


def main() -> None:
    for name, call in ENDPOINTS.items():
        response = call()
        assert response.status_code == 200, (name, response.status_code)  # type: ignore[attr-defined]
        times = []
        for _ in range(CALLS):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        print(f"{name:7} median {statistics.median(times):6.2f} ms")
    if len(sys.argv) > 1:
        profile = cProfile.Profile()
        profile.runcall(lambda: [ENDPOINTS[sys.argv[1]]() for _ in range(CALLS)])
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
