"""Security headers on every public answer, and request logs that never hold a triage answer."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client, override_settings

PAGES_NOT_FRAMEABLE = ["/", "/embed/how/", "/admin/login/", "/api/docs/", "/api/v1/services/"]


@pytest.mark.parametrize("path", PAGES_NOT_FRAMEABLE)
def test_every_page_but_the_embed_refuses_framing_and_sends_the_policies(directory_data: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_embed_page_may_be_framed_by_any_site(directory_data: None) -> None:
    response = Client().get("/embed/")
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_api_docs_run_no_inline_script(db: None) -> None:
    response = Client().get("/api/docs/")
    assert "<script>" not in response.content.decode()
    policy = dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"


@override_settings(LOG_FORMAT="json")
def test_one_json_line_per_request_and_no_triage_answer_in_any_log(
    directory_data: None, caplog: pytest.LogCaptureFixture
) -> None:
    answers = {"topics": ["eating"], "age": 17, "channels": ["whatsapp"], "danger_now": False, "for_whom": "self"}
    with caplog.at_level(logging.DEBUG):
        client = Client(HTTP_X_REQUEST_ID="req-42")
        assert client.post("/api/v1/triage/?from=eating", answers, content_type="application/json").status_code == 200
        form = {"for_whom": "self", "topics": ["eating"], "age": "17", "danger_now": "false", "channels": ["whatsapp"]}
        assert Client().post("/", form).status_code == 200
        # A refused request must not echo the answers into a log either.
        assert client.post("/api/v1/triage/", {**answers, "age": "seventeen"}, content_type="application/json")

    access = [json.loads(r.getMessage()) for r in caplog.records if r.name == "config.access"]
    assert [line["path"] for line in access] == ["/api/v1/triage/", "/", "/api/v1/triage/"]
    assert access[0] == {**access[0], "method": "POST", "status": 200, "request_id": "req-42"}
    assert isinstance(access[0]["duration_ms"], float)
    logged = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    for answer in ("eating", "whatsapp", "seventeen", "17,"):
        assert answer not in logged


def test_a_forged_request_id_is_replaced(db: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="config.access"):
        response = Client(HTTP_X_REQUEST_ID="x" * 500 + "\n{}").get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    assert response["X-Request-ID"] in caplog.text
