"""CPU instructions per request of each benchmarked endpoint, and each as a ratio to the floor:
a measure that other work on a shared machine cannot disturb, unlike requests per second.

Not a test. Runs Django in process (the test client, every middleware, DEBUG off, the benchmark's
settings) under `valgrind --tool=callgrind`, which counts instructions: once with no measured
request and once per endpoint with REQUESTS of them, each after the same warm-up (every endpoint
a few times, so the snapshot and the minute's shared parts exist, then gc.freeze as a worker
does); the difference divided by REQUESTS is one request's instructions. A ratio of instructions
is not a ratio of requests per second (the server's and the load generator's own work are left
out, and instructions differ in cost), but it moves with every change to a request's work. Compare
runs made the same way: a different warm-up once moved a triage request's count by 15 %, and a new
minute during a run rebuilds the minute's shared parts.

Needs valgrind (apt-get install valgrind) and a database with the directory, e.g. one
`make bench-http` prepared; each run takes a few minutes, the runs go two at a time:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/referral_bench .venv/bin/python bench/bench_instructions.py
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_http import BENCH_SETTINGS  # noqa: E402

TRIAGE_BODY = json.dumps({"age": 13, "topics": ["self-harm"], "danger_now": False, "for_whom": "self"})
ENDPOINTS = {
    "floor": ("GET", "/healthz"),
    "triage": ("POST", "/api/v1/triage/"),
    "list": ("GET", "/api/v1/services/?age=13&topic=self-harm"),
    "detail": ("GET", "/api/v1/services/awel/"),
    "home": ("GET", "/"),
}


def serve_requests(endpoint: str, count: int) -> None:
    """In the process valgrind watches: warm every endpoint, then `count` requests to `endpoint`."""
    import gc
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)  # the access log's output is not the request's work
    from django.test import Client

    client = Client()

    def call(name: str) -> None:
        method, path = ENDPOINTS[name]
        if method == "POST":
            response = client.post(path, TRIAGE_BODY, content_type="application/json")
        else:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)

    for _ in range(20):
        for name in ENDPOINTS:
            call(name)
    gc.collect()
    gc.freeze()  # as config/wsgi.py does in a worker
    for _ in range(count):
        call(endpoint)


def instructions(endpoint: str, count: int) -> int:
    environment = os.environ | BENCH_SETTINGS | {"ALLOWED_HOSTS": "testserver", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as directory:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={directory}/callgrind.out"]
        command += [sys.executable, __file__, "--serve", endpoint, str(count)]
        done = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--endpoints", nargs="+", default=["triage", "detail", "list"], choices=ENDPOINTS)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_requests(args.serve[0], int(args.serve[1]))
        return
    runs = [("(warm-up only)", 0), *((name, args.requests) for name in ["floor", *args.endpoints])]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(lambda run: instructions(*run), runs))
    base = counts[0]
    per_request = {name: (count - base) / args.requests for (name, _), count in zip(runs[1:], counts[1:], strict=True)}
    print(f"{args.requests} requests each, instructions per request (callgrind), ratio to the floor:")
    for name, value in per_request.items():
        print(f"  {name:8} {value / 1e6:6.2f} M   {per_request['floor'] / value:5.3f}x")


if __name__ == "__main__":
    main()
