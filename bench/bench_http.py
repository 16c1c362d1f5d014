"""`make bench-http`: requests per second of each endpoint, as a ratio to a trivial Django JSON
view served by the same server with the same middleware (the floor), under load and unloaded.

Not a test. It prepares two databases of its own, next to yours and never yours: DATABASE_URL's
database name plus `_bench` (the real directory) and `_bench_large` (grown to 10,000 services);
without DATABASE_URL, two SQLite files in bench/.data/. Then, per database, it starts granian
(WSGI, 2 workers, 1 blocking thread each), warms every worker, and runs wrk with alternating
runs: floor, endpoint, floor, endpoint... Each figure is the median of RUNS runs. Absolute
numbers vary on a shared machine: compare the ratios.

    .venv/bin/python bench/bench_http.py [--seconds 10] [--runs 3] [--connections 32]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LARGE = 10_000
TRIAGE_BODY = {"age": 13, "topics": ["self-harm"], "danger_now": False, "for_whom": "self"}


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    goal: float  # the ratio to the floor to reach
    post: dict[str, object] | None = None


REAL = [
    Endpoint("POST /api/v1/triage/ (13-year-old, self-harm, real directory)", "/api/v1/triage/", 0.45, TRIAGE_BODY),
    Endpoint("GET /api/v1/services/?age=13&topic=self-harm", "/api/v1/services/?age=13&topic=self-harm", 0.35),
    Endpoint("GET /api/v1/services/awel/", "/api/v1/services/awel/", 0.50),
    Endpoint("GET /", "/", 0.30),
]
LARGE_ENDPOINTS = [
    Endpoint("triage with 10,000 services", "/api/v1/triage/", 0.10, TRIAGE_BODY),
    Endpoint("directory list with 10,000 services", "/api/v1/services/?age=13&topic=self-harm", 0.10),
]
UNLOADED_P99_GOAL_MS = {"real": 10.0, "large": 50.0}


@dataclass(frozen=True)
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def database_urls() -> tuple[str, str]:
    """The two benchmark databases: never the one in DATABASE_URL itself."""
    base = os.environ.get("DATABASE_URL", "")
    if not base:
        data = ROOT / "bench" / ".data"
        data.mkdir(exist_ok=True)
        return f"sqlite:///{data / 'bench.sqlite3'}", f"sqlite:///{data / 'bench_large.sqlite3'}"
    stem, _, name = base.rpartition("/")
    name = name.split("?")[0] or "referral"
    return f"{stem}/{name}_bench", f"{stem}/{name}_bench_large"


def create_postgres_database(url: str) -> None:
    import psycopg

    stem, _, name = url.rpartition("/")
    with psycopg.connect(f"{stem}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(url: str, services: int | None) -> None:
    if url.startswith("postgres"):
        create_postgres_database(url)
    env = environment(url)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_directory", "-v0"], env=env, check=True, cwd=ROOT)
    if services:
        subprocess.run([PYTHON, str(ROOT / "bench" / "grow.py"), str(services)], env=env, check=True, cwd=ROOT)
    if url.startswith("postgres"):
        settle_postgres_database(url)


def settle_postgres_database(url: str) -> None:
    """VACUUM ANALYZE now, so that autovacuum does not wake up for the rows just written and take
    a core from the runs (on 2 cores it showed in the unloaded p99)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


# The settings every benchmark runs Django with (this one's servers, and the in-process ones).
BENCH_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    # The throttles still count every request (their cost is measured); they must not refuse them.
    "API_RATE": "100000000/minute",
    "TRIAGE_RATE": "100000000/minute",
}


def environment(url: str) -> dict[str, str]:
    return os.environ | BENCH_SETTINGS | {"DATABASE_URL": url, "ALLOWED_HOSTS": "127.0.0.1,localhost"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    granian = shutil.which("granian", path=str(Path(PYTHON).parent)) or "granian"
    command = [
        granian, "--interface", "wsgi", "--workers", "2", "--blocking-threads", "1",
        "--host", "127.0.0.1", "--port", str(port), "--no-ws", "config.wsgi:application",
    ]  # fmt: skip
    print("$", shlex.join(command), flush=True)
    return subprocess.Popen(
        command, env=environment(url), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def request(base: str, endpoint: Endpoint, timeout: float = 120) -> int:
    data = json.dumps(endpoint.post).encode() if endpoint.post is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    try:
        with urllib.request.urlopen(
            urllib.request.Request(base + endpoint.path, data=data, headers=headers), timeout=timeout
        ) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def wait_and_warm(base: str, endpoints: list[Endpoint]) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            request(base, endpoints[0], timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    # Every worker builds its snapshot on its first requests: send enough at once to reach all.
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in range(3):
            statuses = list(pool.map(lambda endpoint: request(base, endpoint), endpoints * 8))
            if any(status != 200 for status in statuses):
                raise SystemExit(f"warm-up got {sorted(set(statuses))} from {base}")


def wrk(base: str, endpoint: Endpoint, seconds: int, connections: int, threads: int) -> Run:
    command = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if endpoint.post is not None:
            body = json.dumps(endpoint.post)
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n')
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
        # Non-2xx answers are counted: a benchmark of error pages would be worthless.
        script.write("done = function(summary, latency, requests) end\n")
    try:
        output = subprocess.run(
            [*command, "-s", script.name, base + endpoint.path], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    return Run(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_ms=latency(output, "50%"),
        p99_ms=latency(output, "99%"),
        errors=sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)|Socket errors:.*", output) if n),
    )


def latency(output: str, percentile: str) -> float:
    number, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", output).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def floor_endpoint(base: str) -> Endpoint:
    healthz = Endpoint("/healthz", "/healthz", 1.0)
    try:
        if request(base, healthz, timeout=10) == 200:
            return healthz
    except OSError:
        pass
    return Endpoint("/bench/floor/", "/bench/floor/", 1.0)


def measure(
    url: str, endpoints: list[Endpoint], args: argparse.Namespace, size: str
) -> tuple[list[tuple[Endpoint, Run, Run]], Run, Endpoint]:
    port = free_port()
    server = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_and_warm(base, endpoints)
        floor = floor_endpoint(base)
        rows = []
        for endpoint in endpoints:
            floors, runs = [], []
            for _ in range(args.runs):  # alternating, so drift on a shared machine hits both alike
                floors.append(wrk(base, floor, args.seconds, args.connections, 2))
                runs.append(wrk(base, endpoint, args.seconds, args.connections, 2))
            rows.append((endpoint, median_run(floors), median_run(runs)))
            print(f"  {endpoint.label}: {rows[-1][2].rps:.0f} req/s, floor {rows[-1][1].rps:.0f}", flush=True)
        # Unloaded: one connection, so the latency is the request's own work.
        triage = endpoints[0]
        unloaded = median_run([wrk(base, triage, args.seconds, 1, 1) for _ in range(args.runs)])
        print(f"  unloaded triage ({size}): p99 {unloaded.p99_ms:.1f} ms", flush=True)
        return rows, unloaded, floor
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def median_run(runs: list[Run]) -> Run:
    return Run(
        rps=statistics.median(run.rps for run in runs),
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p99_ms=statistics.median(run.p99_ms for run in runs),
        errors=sum(run.errors for run in runs),
    )


def verdict(met: bool) -> str:
    return "yes" if met else "NO"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    real_url, large_url = database_urls()
    engine = "PostgreSQL" if real_url.startswith("postgres") else "SQLite"
    print(f"Preparing {real_url} and {large_url} ({LARGE} services)...", flush=True)
    prepare(real_url, None)
    prepare(large_url, LARGE)
    print("Real directory:", flush=True)
    real_rows, real_unloaded, floor = measure(real_url, REAL, args, "real")
    print("10,000 services:", flush=True)
    large_rows, large_unloaded, _ = measure(large_url, LARGE_ENDPOINTS, args, "large")

    command = f"make bench-http  (= {shlex.join(['bench/bench_http.py', *sys.argv[1:]])})"
    print()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {engine}, granian WSGI 2 workers x 1 blocking thread, "
          f"wrk {args.connections} connections, {args.seconds} s runs, medians of {args.runs} alternating runs; "
          f"floor: {floor.path}")  # fmt: skip
    print(f"Command: {command}")
    print()
    print("| endpoint | req/s | floor req/s | ratio | p50 | p99 | goal | met |")
    print("|---|---|---|---|---|---|---|---|")
    for endpoint, floor_run, run in real_rows + large_rows:
        ratio = run.rps / floor_run.rps
        errors = f" ({run.errors} errors)" if run.errors else ""
        print(
            f"| `{endpoint.label}` | {run.rps:.0f}{errors} | {floor_run.rps:.0f} | {ratio:.3f}x | "
            f"{run.p50_ms:.1f} ms | {run.p99_ms:.1f} ms | >= {endpoint.goal:.2f}x | {verdict(ratio >= endpoint.goal)} |"
        )  # fmt: skip
    met = (
        real_unloaded.p99_ms <= UNLOADED_P99_GOAL_MS["real"] and large_unloaded.p99_ms <= UNLOADED_P99_GOAL_MS["large"]
    )
    print(
        f"| unloaded triage p99, real directory / 10,000 | {real_unloaded.rps:.0f} / {large_unloaded.rps:.0f} | | | "
        f"{real_unloaded.p50_ms:.1f} / {large_unloaded.p50_ms:.1f} ms | "
        f"{real_unloaded.p99_ms:.1f} ms / {large_unloaded.p99_ms:.1f} ms | <= 10 ms / <= 50 ms | {verdict(met)} |"
    )  # fmt: skip


if __name__ == "__main__":
    main()
