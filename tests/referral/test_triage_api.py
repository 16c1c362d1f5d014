"""The triage API on the real Flemish directory: named scenarios, strict input, privacy."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from directory.models import Service
from directory.snapshot import forget_snapshot
from referral.messages import check_message
from referral.serializers import REQUEST_FIELDS, is_plainly_valid

TUESDAY_2030 = "2026-12-08T20:30:00+01:00"
SUNDAY_0300 = "2026-12-06T03:00:00+01:00"
WEDNESDAY_1000 = "2026-12-09T10:00:00+01:00"


@pytest.fixture
def client(directory_data: None) -> APIClient:
    forget_snapshot()
    return APIClient()


def triage(client: APIClient, **answers: Any) -> dict[str, Any]:
    body = {"topics": ["self-harm"], "danger_now": False, "for_whom": "self"} | answers
    response = client.post("/api/v1/triage/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def ranked_slugs(answer: dict[str, Any]) -> list[str]:
    return [suggestion["service"]["slug"] for suggestion in answer["suggestions"]]


def assert_reachable_now(answer: dict[str, Any]) -> None:
    assert any(s["channel"]["open_now"] for s in answer["suggestions"]), "nothing reachable at this moment"


# --- The named scenarios -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_13_year_old_who_self_harms_on_a_weekday_evening_for_someone_else_preferring_chat(client: APIClient) -> None:
    answer = triage(client, age=13, topics=["self-harm"], for_whom="someone_else", channels=["chat"], at=TUESDAY_2030)
    first = answer["suggestions"][0]
    # The Flemish first-step agreement: Awel first for children and young people, and its chat is open.
    assert first["service"]["slug"] == "awel"
    assert first["channel"]["kind"] == "chat"
    assert first["channel"]["open_now"] is True
    assert first["channel"]["closes_at"] == "2026-12-08T22:00:00+01:00"
    # Awel's chat hours come from secondary sources only: open, but not confirmed, and it says so.
    assert {"first-step-young-people", "open-now-unconfirmed", "preferred-channel"} <= {
        r["code"] for r in first["reasons"]
    }
    assert first["channel"]["hours_confirmed"] is False
    assert first["channel"]["hours_uncertain_reason"]
    assert all(r["text"] for r in first["reasons"])
    assert first["channel"]["value"] in answer["message"]
    assert answer["emergency"] is None
    assert answer["for_helper"]["guidance"]
    assert answer["for_helper"]["services"]
    assert all(s["service"]["slug"] != "watwat" for s in answer["suggestions"])
    assert "watwat" in [r["slug"] for r in answer["resources"]]
    assert check_message(answer["message"], "nl") == []


@pytest.mark.django_db
def test_a_16_year_old_with_suicidal_thoughts_at_3_on_a_sunday_night(client: APIClient) -> None:
    answer = triage(client, age=16, topics=["suicidal-thoughts"], at=SUNDAY_0300)
    assert "zelfmoordlijn-1813" in ranked_slugs(answer)[:2]
    line = next(s for s in answer["suggestions"] if s["service"]["slug"] == "zelfmoordlijn-1813")
    assert (line["channel"]["kind"], line["channel"]["value"], line["channel"]["href"]) == ("phone", "1813", "tel:1813")
    assert line["channel"]["open_now"] is True
    assert_reachable_now(answer)
    for suggestion in answer["suggestions"]:
        if not suggestion["channel"]["open_now"] and suggestion["channel"]["hours"]:
            assert suggestion["channel"]["next_open_at"], suggestion["service"]["slug"]
    assert "1813" in answer["message"]


@pytest.mark.django_db
def test_someone_in_danger_now_gets_the_emergency_route_first(client: APIClient) -> None:
    answer = triage(client, age=15, topics=["self-harm"], danger_now=True, at=TUESDAY_2030)
    emergency = answer["emergency"]
    assert emergency["channel"]["href"] == "tel:112"
    assert "112" in emergency["what_to_say"]
    # The 24/7 line, shown once: as "also" unless it already is one of the suggestions.
    suggested = [s["service"]["slug"] for s in answer["suggestions"]]
    if emergency["also"] is None:
        assert any(s["channel"]["value"] in ("106", "1813") for s in answer["suggestions"])
    else:
        assert emergency["also"]["channel"]["open_now"] is True
        assert emergency["also"]["service"]["slug"] not in suggested
    # Asked for oneself: first-person words, no bystander instructions.
    assert emergency["what_to_say"].startswith("Bel 112. Ben je alleen?")
    assert answer["message"].index("112") < answer["message"].index(answer["suggestions"][0]["channel"]["value"])
    assert answer["suggestions"], "what else was asked is still answered"


@pytest.mark.django_db
def test_a_40_year_old_gets_no_youth_services(client: APIClient) -> None:
    answer = triage(client, age=40, topics=["feeling-down"], at=TUESDAY_2030, limit=10)
    slugs = ranked_slugs(answer)
    assert slugs
    for service in Service.objects.filter(slug__in=slugs):
        assert service.maximum_age is None or service.maximum_age >= 40, service.slug
        assert service.minimum_age is None or service.minimum_age <= 40, service.slug
    assert not {"awel", "jac", "tejo", "overkop"} & set(slugs)
    assert_reachable_now(answer)


@pytest.mark.django_db
def test_a_14_year_old_about_violence_at_home_on_a_weekday_morning(client: APIClient) -> None:
    answer = triage(client, age=14, topics=["violence-abuse", "family"], at=WEDNESDAY_1000)
    slugs = ranked_slugs(answer)
    assert "1712" in slugs
    line = next(s for s in answer["suggestions"] if s["service"]["slug"] == "1712")
    assert line["channel"]["open_now"] is True
    assert_reachable_now(answer)


@pytest.mark.django_db
def test_the_same_answers_in_dutch_french_and_english(client: APIClient) -> None:
    answers = {"age": 13, "topics": ["self-harm"], "for_whom": "someone_else", "channels": ["chat"], "at": TUESDAY_2030}
    by_language = {language: triage(client, language=language, **answers) for language in ("nl", "fr", "en")}
    # Language is part of fit: each reader first gets an open line that speaks their language.
    for language, answer in by_language.items():
        assert language in answer["suggestions"][0]["service"]["languages"], language
    assert ranked_slugs(by_language["fr"])[0] == "tele-accueil-107"
    assert ranked_slugs(by_language["en"])[0] == "chs-helpline"
    messages = {language: answer["message"] for language, answer in by_language.items()}
    assert len(set(messages.values())) == 3
    # French speakers get the French-language suicide line as their day-and-night fallback.
    day_and_night = ("1813", "106", "0800 32 123", "107", "02 648 40 14")
    for language, answer in by_language.items():
        assert answer["language"] == language
        assert check_message(answer["message"], language, fallback_values=day_and_night) == []
    reasons = {language: by_language[language]["suggestions"][0]["reasons"][0]["text"] for language in by_language}
    assert len(set(reasons.values())) == 3


@pytest.mark.django_db
def test_the_same_answers_give_the_same_ranking(client: APIClient) -> None:
    answers = {"age": 16, "topics": ["suicidal-thoughts", "loneliness"], "at": SUNDAY_0300}
    first, second = triage(client, **answers), triage(client, **answers)
    assert first["suggestions"] == second["suggestions"]
    assert first["ruleset_version"]


# --- Strict input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"topics": ["self-harm"], "danger_now": False, "mood": "sad"}, "mood", id="unknown-field"),
        pytest.param({"topics": [], "danger_now": False}, "topics", id="empty-topics"),
        pytest.param({"danger_now": False}, "topics", id="missing-topics"),
        pytest.param({"topics": ["cutting"], "danger_now": False}, "topics", id="unknown-topic-slug"),
        pytest.param({"topics": "self-harm", "danger_now": False}, "topics", id="topics-not-a-list"),
        pytest.param({"topics": ["self-harm"]}, "danger_now", id="missing-danger-now"),
        pytest.param({"topics": ["self-harm"], "danger_now": "no"}, "danger_now", id="danger-now-a-string"),
        pytest.param({"topics": ["self-harm"], "danger_now": 0}, "danger_now", id="danger-now-a-number"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "age": "13"}, "age", id="age-a-string"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "age": 13.5}, "age", id="age-a-fraction"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "age": -1}, "age", id="age-negative"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "age": 121}, "age", id="age-too-high"),
        pytest.param(
            {"topics": ["self-harm"], "danger_now": False, "for_whom": "friend"}, "for_whom", id="unknown-for-whom"
        ),
        pytest.param(
            {"topics": ["self-harm"], "danger_now": False, "channels": ["pigeon"]}, "channels", id="unknown-channel"
        ),
        pytest.param(
            {"topics": ["self-harm"], "danger_now": False, "language": "de"}, "language", id="language-not-offered"
        ),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "at": "tonight"}, "at", id="at-not-a-moment"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "limit": 11}, "limit", id="limit-too-high"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "limit": 0}, "limit", id="limit-zero"),
        pytest.param({"topics": ["self-harm"], "danger_now": False, "region": "Gent"}, "region", id="region-a-town"),
    ],
)
@pytest.mark.django_db
def test_bad_answers_are_a_json_400_naming_the_field(client: APIClient, body: dict[str, Any], field: str) -> None:
    response = client.post("/api/v1/triage/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert field in response.json()["fields"]
    assert response.json()["fields"][field], "says what is wrong with the field"


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "error"),
    [
        pytest.param(
            b'{"topics": ["self-harm"], "danger_now": fa', "application/json", 400, "malformed_json", id="broken-json"
        ),
        pytest.param(b"[1, 2, 3]", "application/json", 400, "invalid_request", id="json-array"),
        pytest.param(b'"hello"', "application/json", 400, "invalid_request", id="json-string"),
        pytest.param(
            b"topics=self-harm", "application/x-www-form-urlencoded", 415, "unsupported_media_type", id="form-encoded"
        ),
        pytest.param(
            b'{"topics": ["self-harm"], "danger_now": false, "pad": "' + b"x" * 200_000 + b'"}',
            "application/json",
            413,
            "request_too_large",
            id="huge-body",
        ),
        pytest.param(b"\xff\xfe\x00garbage", "application/json", 400, "malformed_json", id="not-utf8"),
    ],
)
@pytest.mark.django_db
def test_malformed_bodies_never_give_a_500(
    client: APIClient, raw: bytes, content_type: str, status: int, error: str
) -> None:
    response = client.generic("POST", "/api/v1/triage/", raw, content_type=content_type)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["message"]


@pytest.mark.django_db
def test_get_on_triage_is_a_json_405(client: APIClient) -> None:
    response = client.get("/api/v1/triage/")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


# --- Privacy and the snapshot --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_triage_answer_is_not_cached_anywhere(client: APIClient) -> None:
    response = client.post("/api/v1/triage/", {"topics": ["self-harm"], "danger_now": False}, format="json")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_a_triage_request_writes_nothing_to_the_database(client: APIClient) -> None:
    forget_snapshot()
    with CaptureQueriesContext(connection) as queries:
        triage(client, age=13, topics=["self-harm"], at=TUESDAY_2030)
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "CREATE"))
    ]
    assert queries.captured_queries, "the cold request built the snapshot from the database"
    assert writes == []


@pytest.mark.django_db
def test_a_warm_triage_request_makes_no_database_query(client: APIClient) -> None:
    triage(client, age=13, topics=["self-harm"], at=TUESDAY_2030)
    with CaptureQueriesContext(connection) as queries:
        triage(client, age=16, topics=["suicidal-thoughts"], danger_now=True, for_whom="someone_else", at=SUNDAY_0300)
    assert queries.captured_queries == []


@pytest.mark.django_db
def test_a_curator_change_rebuilds_the_snapshot(client: APIClient, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    assert "awel" in ranked_slugs(triage(client, age=13, at=TUESDAY_2030, limit=10))
    with django_capture_on_commit_callbacks(execute=True):
        awel = Service.objects.get(slug="awel")
        awel.status = Service.Status.UNPUBLISHED
        awel.save()
    assert "awel" not in ranked_slugs(triage(client, age=13, at=TUESDAY_2030, limit=10))


@pytest.mark.django_db
def test_answers_are_not_logged(client: APIClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    triage(client, age=13, topics=["eating"], for_whom="someone_else", at=TUESDAY_2030)
    client.post("/api/v1/triage/", {"topics": ["eating"], "danger_now": "unknown-value-xyz"}, format="json")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "eating" not in logged
    assert "unknown-value-xyz" not in logged


# --- The questionnaire ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "language", "first_text_word"),
    [
        pytest.param("", "nl", "Voor", id="dutch-default"),
        pytest.param("?lang=fr", "fr", "Pour", id="french"),
        pytest.param("?lang=en", "en", "Who", id="english"),
    ],
)
@pytest.mark.django_db
def test_the_questionnaire_in_each_language(client: APIClient, query: str, language: str, first_text_word: str) -> None:
    body = client.get(f"/api/v1/triage/questions/{query}").json()
    assert body["language"] == language
    ids = [question["id"] for question in body["questions"]]
    assert ids == ["for_whom", "age", "topics", "danger_now", "channels", "region", "language"]
    topics = next(q for q in body["questions"] if q["id"] == "topics")
    assert "self-harm" in [choice["id"] for choice in topics["choices"]]
    assert first_text_word.lower() in body["questions"][0]["text"].lower()


def test_a_value_taken_as_it_is_is_what_its_field_would_make_of_it() -> None:
    # read_answers skips a field's own validation for a value it would return unchanged.
    samples: list[Any] = [
        None, True, False, 0, 1, 4, 13, 25, 120, 121, -1, 13.0, "13", "", " nl", "nl", "fr", "chat", "self",
        "someone_else", "antwerpen", "Antwerpen", [], ["chat"], ["chat", "phone"], ["chat", 1], [" chat"],
        ["self-harm"], ["self-harm", "self-harm"], [""], ["chat"] * 9, {"chat": 1}, "2026-12-08T20:30",
    ]  # fmt: skip
    taken = 0
    for _name, field, _check in REQUEST_FIELDS:
        for value in samples:
            if is_plainly_valid(field, value):
                taken += 1
                assert field.run_validation(value) == value, (field.field_name, value)
    assert taken >= 15  # the shortcut is used for the common values, not only checked
