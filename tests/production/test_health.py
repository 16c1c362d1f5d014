"""Health endpoints, and what answers while the database or Redis cannot be reached (in-process;
tests/production/test_outage.py stops a real PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

from directory import snapshot as directory_snapshot
from directory.snapshot import forget_snapshot

# Nothing listens on port 1: every connection is refused at once.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "config.cache.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
TRIAGE_BODY = {"topics": ["self-harm"], "danger_now": False, "for_whom": "self"}


def refuse_database(*args: object, **kwargs: object) -> None:
    raise OperationalError("connection refused (test)")


@pytest.fixture
def no_database_for_a_new_snapshot(directory_data: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A worker that starts while the database is down: no snapshot yet, and none can be built."""
    forget_snapshot()
    monkeypatch.setattr(directory_snapshot, "build_catalog", refuse_database)
    yield
    forget_snapshot()


def test_healthz_answers_without_touching_the_database(db: None, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_reports_database_cache_and_snapshot(directory_data: None) -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {"database": True, "cache": True, "snapshot": True}
    assert body["published_services"] >= 15


def test_readyz_is_503_naming_the_database_when_it_is_down(no_database_for_a_new_snapshot: None) -> None:
    with mock.patch.object(connection, "cursor", refuse_database):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": False, "cache": True, "snapshot": False}


def test_a_new_worker_without_a_database_shows_the_emergency_numbers(no_database_for_a_new_snapshot: None) -> None:
    response = Client(raise_request_exception=False).get("/?lang=en")
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    for number in ("tel:112", "tel:1813", "tel:106"):
        assert number in page
    assert response["Content-Language"] == "en"


def test_the_api_answers_a_json_503_with_retry_after_without_a_database(no_database_for_a_new_snapshot: None) -> None:
    client = Client(raise_request_exception=False)
    for response in (
        client.get("/api/v1/triage/questions/"),
        client.post("/api/v1/triage/", TRIAGE_BODY, content_type="application/json"),
    ):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response.json()["error"] == "unavailable"


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_triage_page_and_questions_answer_while_redis_is_down(directory_data: None) -> None:
    client = Client(raise_request_exception=False)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/triage/questions/").status_code == 200
    response = client.post("/api/v1/triage/", TRIAGE_BODY, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["suggestions"]
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] is False
