"""Throttles count per client address, which a client cannot choose: the socket's address, or with
TRUSTED_PROXY_COUNT=N the Nth hop from the right of X-Forwarded-For (the one our proxy wrote)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from config.throttles import ClientRateThrottle

TRIAGE_BODY = {"topics": ["self-harm"], "danger_now": False}


@pytest.fixture
def small_limits(directory_data: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # DRF reads the rates once, into the class; the test swaps in small ones.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "5/minute", "triage": "3/minute"})
    # Mid-minute, and still: right after a new minute the sliding window still weighs the last
    # minute's count by a little less than 1 (2.97 of 3), so a test that crossed it could let a
    # fourth request through.
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 6030.0)
    cache.clear()
    yield
    cache.clear()


def behind_proxies(count: int):  # type: ignore[no-untyped-def]
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": count})


def triage(forwarded_for: str, remote_addr: str = "192.0.2.10") -> int:
    response = Client(REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for).post(
        "/api/v1/triage/", TRIAGE_BODY, content_type="application/json"
    )
    return response.status_code


def assert_json_429(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 429
    assert response.json()["error"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_a_forged_x_forwarded_for_gives_no_new_identity(small_limits: None) -> None:
    assert [triage(f"198.51.100.{n}") for n in range(4)] == [200, 200, 200, 429]


def test_the_limit_answers_json_with_retry_after(small_limits: None) -> None:
    client = Client()
    for _ in range(3):
        client.post("/api/v1/triage/", TRIAGE_BODY, content_type="application/json")
    assert_json_429(client.post("/api/v1/triage/", TRIAGE_BODY, content_type="application/json"))


def test_behind_one_trusted_proxy_the_address_it_wrote_counts(small_limits: None) -> None:
    with behind_proxies(1):
        # The client forges the left part; our proxy appends the address it saw, the same each time.
        assert [triage(f"198.51.100.{n}, 203.0.113.7") for n in range(4)] == [200, 200, 200, 429]
        # Different clients behind the same proxy each have their own budget.
        assert [triage(f"203.0.113.{n}") for n in range(20, 24)] == [200, 200, 200, 200]


def test_reads_have_a_limit_too(small_limits: None) -> None:
    client = Client()
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert_json_429(client.get("/api/v1/services/"))


def test_triage_counts_against_the_limit_of_every_api_request_too(small_limits: None) -> None:
    client = Client()
    triages = [client.post("/api/v1/triage/", TRIAGE_BODY, content_type="application/json") for _ in range(4)]
    assert [response.status_code for response in triages] == [200, 200, 200, 429]  # triage's own 3
    # 4 triage requests (the refused one is still an API request, as with DRF's own throttles) and
    # 1 read make 5, the limit of all API requests.
    assert [client.get("/api/v1/topics/").status_code for _ in range(2)] == [200, 429]


def test_the_window_slides_over_the_previous_period(monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 a minute: the previous minute's count weighs as much as is still within the last minute.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "4/minute"})
    cache.clear()
    clock = [6000.0]  # the start of a minute
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: clock[0])
    request = Request(RequestFactory().get("/", REMOTE_ADDR="192.0.2.99"))

    def allowed() -> bool:
        return ClientRateThrottle().allow_request(request, None)

    assert [allowed() for _ in range(5)] == [True, True, True, True, False]
    refused = ClientRateThrottle()
    refused.allow_request(request, None)
    assert refused.wait() == 60  # the next minute: from then on these 4 start to slide out
    clock[0] += 90  # half-way into the next minute: 4 x 0.5 still count
    assert [allowed() for _ in range(3)] == [True, True, False]
    clock[0] += 120  # two minutes on: nothing counts any more
    assert allowed()
    cache.clear()
