"""Real granian app servers on a private PostgreSQL: two servers share one truth through Redis, and
help stays up when PostgreSQL stops under load. Slow (real processes); run in CI, where
REQUIRE_LIVE_SERVERS=1 turns a missing PostgreSQL or Redis into a failure instead of a skip."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from pytest_django import DjangoDbBlocker

from tests.database import dump_template
from tests.production.live import (
    POSTGRES_BIN,
    AppServer,
    PrivatePostgres,
    app_environment,
    manage,
    why_no_private_postgres,
)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
TRIAGE_BODY = {"topics": ["self-harm"], "danger_now": False, "for_whom": "self", "age": 15}


def require(reason: str) -> None:
    if reason:
        if os.environ.get("REQUIRE_LIVE_SERVERS"):
            pytest.fail(reason)
        pytest.skip(reason)


def redis_reason() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"no Redis at {REDIS_URL}: {error}"
    return ""


@pytest.fixture(scope="module")
def cluster(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[PrivatePostgres]:
    """A private cluster holding the database the other tests start from: migrated and seeded."""
    require(why_no_private_postgres())
    postgres = PrivatePostgres.start()
    try:
        dump = postgres.folder / "directory.sql"  # the cluster's own folder: its server user reads it
        with django_db_blocker.unblock():
            dumped = dump_template(POSTGRES_BIN / "pg_dump", dump)  # the template built once (tests/database.py)
        if dumped:
            postgres.run("psql", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", postgres.url, "--file", str(dump))
        else:  # the session runs on SQLite: migrate and seed, in one process (a Django start costs a second)
            manage(
                app_environment(postgres.url),
                "shell",
                "-c",
                "from django.core.management import call_command; "
                "call_command('migrate', '--noinput', verbosity=0); call_command('seed_directory', verbosity=0)",
            )
        yield postgres
    finally:
        postgres.destroy()


@pytest.fixture(scope="module")
def two_servers(cluster: PrivatePostgres) -> Iterator[list[AppServer]]:
    """Two app servers on one Redis, started once for the tests that need two: the triage limit is
    low enough to reach (the save test makes no triage call)."""
    require(redis_reason())
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    environment = app_environment(cluster.url, REDIS_URL=REDIS_URL, TRIAGE_RATE="6/minute")
    servers = [AppServer.start(environment), AppServer.start(environment)]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()
        client.flushdb()


def topic_labels(server: AppServer) -> set[str]:
    status, content = server.get("/api/v1/triage/questions/?lang=nl")
    assert status == 200
    questions = json.loads(content)["questions"]
    return {choice["label"] for question in questions if question["id"] == "topics" for choice in question["choices"]}


def test_a_curators_save_reaches_triage_on_both_servers_within_a_second(
    cluster: PrivatePostgres, two_servers: list[AppServer]
) -> None:
    assert all("Pesten" in topic_labels(server) for server in two_servers)  # each built its snapshot
    manage(
        app_environment(cluster.url, REDIS_URL=REDIS_URL),
        "shell",
        "-c",
        "from directory.models import Topic; t = Topic.objects.get(slug='bullying'); "
        "t.name_nl = 'Pesten en uitsluiting'; t.save()",
    )
    saved = time.monotonic()
    seen: dict[int, float] = {}
    while len(seen) < len(two_servers) and time.monotonic() - saved < 5:
        for server in two_servers:
            if server.port not in seen and "Pesten en uitsluiting" in topic_labels(server):
                seen[server.port] = time.monotonic() - saved
        time.sleep(0.02)
    assert len(seen) == 2, f"the save reached {len(seen)} of 2 servers in 5 s"
    assert max(seen.values()) < 1.0, seen


def test_the_triage_limit_holds_across_both_servers(two_servers: list[AppServer]) -> None:
    statuses = [two_servers[n % 2].post("/api/v1/triage/", TRIAGE_BODY)[0] for n in range(10)]
    assert statuses == [200] * 6 + [429] * 4


ENDPOINTS = {
    "page": ("GET", "/?lang=nl"),
    "widget": ("GET", "/embed/"),
    "widget questions": ("GET", "/api/v1/triage/questions/"),
    "triage": ("POST", "/api/v1/triage/"),
    "directory read": ("GET", "/api/v1/services/"),
}
MUST_NEVER_FAIL = {"page", "widget", "widget questions", "triage"}


def test_help_stays_up_while_postgresql_stops_under_load(cluster: PrivatePostgres) -> None:
    """The last test of the module: it stops the private cluster."""
    server = AppServer.start(app_environment(cluster.url), workers=1, threads=4)
    late_server: AppServer | None = None
    answers: Counter[tuple[str, int]] = Counter()

    def call(name: str) -> None:
        method, path = ENDPOINTS[name]
        status = server.post(path, TRIAGE_BODY)[0] if method == "POST" else server.get(path)[0]
        answers[(name, status)] += 1

    try:
        for name in ENDPOINTS:  # warm: the worker builds its snapshot while the database is up
            call(name)
        with ThreadPoolExecutor(max_workers=4) as pool:
            rounds = 30
            for round_number in range(rounds):
                if round_number == rounds // 3:
                    cluster.stop()
                list(pool.map(call, ENDPOINTS))
        failures = {
            (name, status): count
            for (name, status), count in answers.items()
            if status != 200 and (name in MUST_NEVER_FAIL or status != 503)
        }
        assert failures == {}, f"answers per endpoint and status: {dict(answers)}"

        # A worker that starts during the outage has no snapshot: the emergency numbers, not a 500.
        late_server = AppServer.start(app_environment(cluster.url), workers=1, threads=2)
        status, content, headers = late_server.request("/?lang=nl")
        assert status in (200, 503)
        for number in ("tel:112", "tel:1813", "tel:106"):
            assert number.encode() in content
        assert late_server.get("/embed/")[0] == 200
        status, content, headers = late_server.request("/api/v1/services/")
        assert status in (200, 503)
        if status == 503:
            assert json.loads(content)["error"] == "unavailable"
            assert headers["retry-after"]
        assert late_server.get("/healthz")[0] == 200
        assert late_server.get("/readyz")[0] == 503
    finally:
        server.stop()
        if late_server is not None:
            late_server.stop()
