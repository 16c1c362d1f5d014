"""A table of hostile and broken inputs, each a named case: every one gets a JSON error of the one
documented shape with the right status, never a 500 and never raw input that cannot be encoded."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client

TRIAGE = "/api/v1/triage/"
SERVICES = "/api/v1/services/"
VALID = '"topics": ["self-harm"], "danger_now": false'


@dataclass(frozen=True)
class Hostile:
    name: str
    path: str
    status: int
    error: str
    method: str = "get"
    body: str | bytes | None = None
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    field: str = ""  # for invalid_request: the field the answer must name


def triage_body(name: str, body: str | bytes, status: int = 400, error: str = "malformed_json", **extra) -> Hostile:  # type: ignore[no-untyped-def]
    return Hostile(name, TRIAGE, status, error, method="post", body=body, **extra)


def triage_field(name: str, fields: str, field: str) -> Hostile:
    """A well-formed body with VALID answers plus `fields`, refused for `field`."""
    return Hostile(name, TRIAGE, 400, "invalid_request", method="post", body=f"{{{VALID}, {fields}}}", field=field)


def triage_answers(name: str, body: str, field: str) -> Hostile:
    return Hostile(name, TRIAGE, 400, "invalid_request", method="post", body=body, field=field)


def query(name: str, path: str, field: str, status: int = 400, error: str = "invalid_request") -> Hostile:
    return Hostile(name, path, status, error, field=field)


CASES = [
    # Moments near and beyond the calendar's ends, in the body and in the query, with danger_now too.
    triage_field("at_year_9999", '"at": "9999-12-01T12:00"', "at"),
    triage_answers(
        "at_year_9999_in_danger_now", '{"topics": ["self-harm"], "danger_now": true, "at": "9999-12-01T12:00"}', "at"
    ),
    triage_field("at_last_moment_of_9999_east_of_utc", '"at": "9999-12-31T23:59:59+14:00"', "at"),
    triage_field("at_first_moment_of_year_1", '"at": "0001-01-01T00:00"', "at"),
    triage_field("at_year_1_west_of_utc", '"at": "0001-01-01T00:00:00-14:00"', "at"),
    triage_field("at_year_1899", '"at": "1899-12-31T23:59"', "at"),
    triage_field("at_year_2201", '"at": "2201-01-01T00:00"', "at"),
    triage_field("at_not_a_date", '"at": "tonight"', "at"),
    triage_field("at_month_13", '"at": "2026-13-01T10:00"', "at"),
    triage_field("at_february_30", '"at": "2026-02-30T10:00"', "at"),
    triage_field("at_very_long", '"at": "2026-12-08T20:30:00' + "0" * 5000 + '"', "at"),
    triage_field("at_a_number", '"at": 20261208', "at"),
    triage_field("at_null", '"at": null', "at"),
    query("open_at_year_9999", f"{SERVICES}?open_at=9999-12-31T23:59", "open_at"),
    query("open_at_year_1", f"{SERVICES}?open_at=0001-01-01T00:00", "open_at"),
    query("open_at_year_1_with_offset", f"{SERVICES}?open_at=0001-01-01T00:00%2B14:00", "open_at"),
    query("open_now_at_year_9999", f"{SERVICES}?open_now=true&open_at=9999-12-31T23:59", "open_at"),
    query("open_at_year_9999_on_one_service", f"{SERVICES}awel/?open_at=9999-12-31T23:59", "open_at"),
    query("open_at_garbage", f"{SERVICES}?open_at=soon", "open_at"),
    # JSON that is not a triage request.
    triage_body("nesting_10000_arrays", "[" * 10_000 + "]" * 10_000),
    triage_body("nesting_10000_objects", '{"a":' * 10_000 + "1" + "}" * 10_000),
    triage_body("nesting_40_inside_a_field", f'{{{VALID}, "channels": ' + "[" * 40 + "]" * 40 + "}"),
    triage_body("lone_surrogate_in_for_whom", f'{{{VALID}, "for_whom": "\\ud800"}}'),
    triage_body("lone_low_surrogate_in_language", f'{{{VALID}, "language": "\\udfff"}}'),
    triage_body("lone_surrogate_as_a_key", f'{{{VALID}, "\\ud800": 1}}'),
    triage_body("lone_surrogate_in_a_topic", '{"topics": ["\\ud800"], "danger_now": false}'),
    triage_body("lone_surrogate_in_at", f'{{{VALID}, "at": "2026-12-08T20:30\\ud800"}}'),
    triage_body("broken_json", '{"topics": '),
    triage_body("trailing_garbage", f"{{{VALID}}} and more"),
    triage_body("invalid_utf8", b'{"topics": ["\xff\xfe"], "danger_now": false}'),
    triage_body("integer_of_5000_digits", f'{{{VALID}, "age": {"9" * 5000}}}'),
    triage_answers("empty_body", "", "topics"),
    triage_answers("json_null", "null", "non_field_errors"),
    triage_answers("json_array", "[]", "non_field_errors"),
    triage_answers("json_string", '"self-harm"', "non_field_errors"),
    triage_answers("empty_object", "{}", "topics"),
    # Answers of the wrong type or out of range.
    triage_body("age_nan_which_json_has_not", f'{{{VALID}, "age": NaN}}'),
    triage_body("age_infinity_which_json_has_not", f'{{{VALID}, "age": Infinity}}'),
    triage_body("age_overflowing_what_a_double_holds", f'{{{VALID}, "age": 1e400}}'),
    triage_field("age_fraction", '"age": 13.5', "age"),
    triage_field("age_as_text", '"age": "13"', "age"),
    triage_field("age_true", '"age": true', "age"),
    triage_field("age_negative", '"age": -1', "age"),
    triage_field("age_121", '"age": 121', "age"),
    triage_answers("topics_empty", '{"topics": [], "danger_now": false}', "topics"),
    triage_answers("topics_a_string", '{"topics": "self-harm", "danger_now": false}', "topics"),
    triage_answers("topics_unknown", '{"topics": ["ufo"], "danger_now": false}', "topics"),
    triage_answers(
        "topics_18_of_them", '{"topics": [' + ", ".join(['"self-harm"'] * 18) + '], "danger_now": false}', "topics"
    ),
    triage_answers("topic_with_nul", '{"topics": ["self-harm\\u0000"], "danger_now": false}', "topics"),
    triage_answers("topic_an_object", '{"topics": [{"slug": "self-harm"}], "danger_now": false}', "topics"),
    triage_field("unknown_field", '"name": "Sam"', "name"),
    triage_answers("danger_now_as_text", '{"topics": ["self-harm"], "danger_now": "yes"}', "danger_now"),
    triage_answers("danger_now_missing", '{"topics": ["self-harm"]}', "danger_now"),
    triage_field("for_whom_a_number", '"for_whom": 1', "for_whom"),
    triage_field("for_whom_unknown", '"for_whom": "everyone"', "for_whom"),
    triage_field("language_unknown", '"language": "xx"', "language"),
    triage_field("limit_zero", '"limit": 0', "limit"),
    triage_field("limit_eleven", '"limit": 11', "limit"),
    triage_field("channels_unknown", '"channels": ["pigeon"]', "channels"),
    triage_field("channels_not_a_list", '"channels": "chat"', "channels"),
    # Bodies the API does not read.
    triage_body("body_of_100_kilobytes", f'{{{VALID}, "x": "{"a" * 100_000}"}}', 413, "request_too_large"),
    triage_body("plain_text", f"{{{VALID}}}", 415, "unsupported_media_type", content_type="text/plain"),
    triage_body(
        "form_encoded",
        "topics=self-harm",
        415,
        "unsupported_media_type",
        content_type="application/x-www-form-urlencoded",
    ),
    triage_body("multipart", "--x--", 415, "unsupported_media_type", content_type="multipart/form-data; boundary=x"),
    # Methods.
    Hostile("get_on_triage", TRIAGE, 405, "method_not_allowed"),
    Hostile("put_on_triage", TRIAGE, 405, "method_not_allowed", method="put", body="{}"),
    Hostile("delete_on_services", SERVICES, 405, "method_not_allowed", method="delete"),
    Hostile("post_on_services", SERVICES, 405, "method_not_allowed", method="post", body="{}"),
    Hostile("patch_on_a_service", f"{SERVICES}awel/", 405, "method_not_allowed", method="patch", body="{}"),
    Hostile("post_on_questions", "/api/v1/triage/questions/", 405, "method_not_allowed", method="post", body="{}"),
    # Filters of the service list.
    query("age_fraction_in_query", f"{SERVICES}?age=13.5", "age"),
    query("age_half_a_year", f"{SERVICES}?age=0.5", "age"),
    query("age_overflowing", f"{SERVICES}?age=1e400", "age"),
    query("age_of_30_digits", f"{SERVICES}?age={'9' * 30}", "age"),
    query("age_as_word", f"{SERVICES}?age=thirteen", "age"),
    query("age_negative_in_query", f"{SERVICES}?age=-1", "age"),
    query("age_nan_in_query", f"{SERVICES}?age=NaN", "age"),
    query("channel_unknown", f"{SERVICES}?channel=pigeon", "channel"),
    query("topic_unknown", f"{SERVICES}?topic=ufo", "topic"),
    query("language_filter_unknown", f"{SERVICES}?language=xx", "language"),
    query("text_search_too_long", f"{SERVICES}?q={'a' * 101}", "q"),
    query("open_now_maybe", f"{SERVICES}?open_now=maybe", "open_now"),
    query("lang_unknown", f"{SERVICES}?lang=xx", "lang"),
    query("questions_in_unknown_lang", "/api/v1/triage/questions/?lang=xx", "lang"),
    # NUL characters, which PostgreSQL cannot compare, anywhere in the URL.
    query("nul_in_a_service_slug", f"{SERVICES}a%00b/", "", error="bad_request"),
    query("nul_in_a_topic_slug", "/api/v1/topics/a%00b/", "", error="bad_request"),
    query("nul_in_an_organisation_id", "/api/v1/organisations/1%00/", "", error="bad_request"),
    query("nul_in_text_search", f"{SERVICES}?q=%00", "", error="bad_request"),
    query("nul_in_topic_filter", f"{SERVICES}?topic=%00", "", error="bad_request"),
    # Things that are not there.
    query("unknown_service", f"{SERVICES}no-such-line/", "", 404, "not_found"),
    query("unknown_topic", "/api/v1/topics/no-such-topic/", "", 404, "not_found"),
    query("organisation_id_not_a_number", "/api/v1/organisations/abc/", "", 404, "not_found"),
    query("organisation_id_beyond_bigint", f"/api/v1/organisations/{'9' * 30}/", "", 404, "not_found"),
    query("page_zero", f"{SERVICES}?page=0", "", 404, "not_found"),
    query("page_as_word", f"{SERVICES}?page=first", "", 404, "not_found"),
    query("unknown_api_path", "/api/v1/secrets/", "", 404, "not_found"),
    query("unknown_api_version", "/api/v2/services/", "", 404, "not_found"),
    # Headers.
    Hostile("host_header_not_allowed", SERVICES, 400, "bad_request", headers={"HTTP_HOST": "evil.example"}),
    Hostile("accept_only_html", SERVICES, 406, "not_acceptable", headers={"HTTP_ACCEPT": "text/html"}),
]


@pytest.fixture
def client(directory_data: None) -> Client:
    cache.clear()  # a fresh throttle budget: this table alone sends more than a minute's allowance
    return Client(raise_request_exception=False)


def test_the_table_names_each_case_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(names) >= 50


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_gets_a_json_error(client: Client, case: Hostile) -> None:
    send = getattr(client, case.method)
    if case.body is None:
        response = send(case.path, **case.headers)
    else:
        response = send(case.path, data=case.body, content_type=case.content_type, **case.headers)

    assert response.status_code == case.status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content.decode("utf-8"))  # strict: a lone surrogate cannot be in it
    assert set(body) <= {"error", "message", "fields"}
    assert body["error"] == case.error
    assert isinstance(body["message"], str)
    assert body["message"]
    if case.field:
        assert case.field in body["fields"], body
