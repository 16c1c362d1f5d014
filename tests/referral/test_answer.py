"""One answer, built once: the API returns `build_answer`'s structure, documented field for field by
TriageResponseSerializer; the page renders the same structure; the widget takes its link texts
from it; the constants the three share are defined once."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from directory import hours
from directory.entries import LANGUAGES
from directory.reads import listing
from directory.renderers import FastJSONRenderer
from directory.snapshot import snapshot
from referral.answer import safe_href
from referral.emergency import EMERGENCY_LINES
from referral.serializers import TriageResponseSerializer
from tests.documented import undocumented

ROOT = Path(__file__).resolve().parents[2]
WIDGET = ROOT / "referral" / "static" / "widget" / "v1" / "referral-widget.js"
TUESDAY_2030 = "2026-12-08T20:30:00+01:00"


def triage(**answers: Any) -> dict[str, Any]:
    body = {"topics": ["self-harm"], "danger_now": False, "for_whom": "self", "at": TUESDAY_2030} | answers
    response = APIClient().post("/api/v1/triage/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"age": 13, "for_whom": "someone_else", "channels": ["chat"]}, id="for a friend"),
        pytest.param({"age": 16, "danger_now": True, "topics": ["suicidal-thoughts"]}, id="in danger now"),
        pytest.param({"topics": ["drugs-alcohol"], "language": "fr"}, id="in French"),
    ],
)
def test_the_answer_is_exactly_what_the_response_serializer_documents(answers: dict[str, Any]) -> None:
    answer = triage(**answers)

    assert undocumented(answer, TriageResponseSerializer()) == []


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    ("language", "call", "chat"),
    [
        pytest.param("nl", "Bel 102", "Open de chat", id="nl"),
        pytest.param("fr", "Appeler le 102", "Ouvrir le chat", id="fr"),
        pytest.param("en", "Call 102", "Open the chat", id="en"),
    ],
)
def test_every_channel_carries_its_link_text_in_the_answers_language(language: str, call: str, chat: str) -> None:
    answer = triage(age=13, language=language)

    awel = next(s for s in answer["suggestions"] if s["service"]["slug"] == "awel")
    actions = {channel["kind"]: channel["action"] for channel in [awel["channel"], *awel["other_channels"]]}
    assert actions["phone"] == call
    assert actions["chat"] == chat


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        pytest.param("tel:1813", True, id="tel"),
        pytest.param("https://www.awel.be/chat", True, id="https"),
        pytest.param("mailto:brievenbus@awel.be", True, id="mailto"),
        pytest.param("javascript:alert(1)", False, id="javascript"),
        pytest.param("data:text/html,hi", False, id="data"),
    ],
)
def test_only_safe_links_reach_the_answer(href: str, kept: bool) -> None:
    assert safe_href(href) == (href if kept else "")


def test_the_widget_keeps_no_copy_of_the_link_texts() -> None:
    source = WIDGET.read_text()

    for label in ("Open de chat", "Ouvrir le chat", "Sms naar", "Mail naar", "Ga langs"):
        assert label not in source
    assert "channel.action" in source


def test_the_widget_shows_the_same_emergency_numbers_as_the_pages_in_each_language() -> None:
    # The widget carries them built in, so it is never blank even when the service is down.
    source = WIDGET.read_text()
    table = source[
        source.index("const EMERGENCY_LINES = {") : source.index("\n};", source.index("const EMERGENCY_LINES"))
    ]
    widget = {
        language: tuple(f"tel:{number}" for number in re.findall(r'\{ number: "([^"]+)"', lines))
        for language, lines in re.findall(r"\n  (\w\w): \[(.*?)\n  \],", table, re.DOTALL)
    }

    assert widget == {language: tuple(line.href for line in EMERGENCY_LINES[language]) for language in LANGUAGES}


def test_the_settings_offer_the_directorys_languages() -> None:
    assert tuple(code for code, _name in settings.LANGUAGES) == LANGUAGES


@pytest.mark.usefixtures("directory_data")
def test_the_fast_renderer_writes_the_json_drf_writes() -> None:
    answer = triage(age=13, for_whom="someone_else")
    error = {"channels": {0: [ErrorDetail("“pigeon” is not a valid choice.", code="invalid_choice")]}}

    for data in (answer, error):
        assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


@pytest.mark.usefixtures("directory_data")
def test_triage_shares_the_openness_of_a_minute_keyed_by_the_minute_only() -> None:
    triage(age=13, at="2026-12-08T20:30:00+01:00")
    with mock.patch("directory.hours.openness", wraps=hours.openness) as openness:
        triage(age=13, at="2026-12-08T20:30:40+01:00")  # same minute: nothing asked again
        assert openness.call_count == 0
        triage(age=13, at="2026-12-08T20:31:00+01:00")
        assert openness.call_count > 0

    minutes = snapshot().derived(listing).openness._minutes
    assert all(isinstance(minute, datetime) and offset == timedelta(hours=1) for minute, offset in minutes)


@pytest.mark.usefixtures("directory_data")
def test_the_texts_of_reasons_are_shared_per_minute_and_never_grow_with_the_requests() -> None:
    """Every reason of a ranking is an object of the directory's minute (referral/ranking.py
    `_ServiceAt`), so its text is made once and answers that repeat add no shared part: a reason
    made per request would be kept with the minute for every request."""
    varied = [
        {"age": 13, "channels": ["chat"]},
        {"age": 30, "topics": ["sexual-violence"], "region": "oost-vlaanderen", "language": "fr"},
        {"age": 16, "for_whom": "someone_else", "topics": ["bullying", "self-harm"], "language": "en"},
    ]
    for answers in varied:
        triage(**answers)
    parts = snapshot().derived(listing).openness.at(datetime.fromisoformat(TUESDAY_2030)).parts
    made = len(parts._parts)

    for answers in varied:
        triage(**answers)

    assert len(parts._parts) == made
    reasons = [part for (kind, _, _), (_, part) in parts._parts.items() if kind == "reason"]
    assert {"preferred-channel", "nearby", "language", "age-fits"} <= {reason["code"] for reason in reasons}
