"""Moderated peer support (Awel's forum): a further resource for non-urgent worries (loneliness,
feeling down), next to the helplines and never instead of them, never when someone is in danger now."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from directory.models import Service
from tests.makers import make_service

TUESDAY_2030 = "2026-12-08T20:30:00+01:00"


def triage(**answers: Any) -> dict[str, Any]:
    body = {"topics": ["loneliness"], "danger_now": False, "for_whom": "self", "age": 14, "at": TUESDAY_2030}
    response = APIClient().post("/api/v1/triage/", body | answers, format="json")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize("topics", [["loneliness"], ["feeling-down"], ["loneliness", "feeling-down"]])
def test_awels_forum_is_offered_next_to_the_helplines_for_non_urgent_worries(topics: list[str]) -> None:
    answer = triage(topics=topics)
    assert [peer["service"]["slug"] for peer in answer["peer_support"]] == ["awel-forum"]
    forum = answer["peer_support"][0]
    assert forum["channel"]["href"] == "https://www.awel.be"
    assert forum["moderation"] == "Gemodereerd door jongeren zelf. Leeftijd: meestal tot 25 jaar (niet officieel)."
    # Never instead of a helpline: the suggestions are still there, and the forum is not one of them.
    assert answer["suggestions"]
    assert "awel-forum" not in {item["service"]["slug"] for item in answer["suggestions"]}
    assert "forum" not in answer["message_short"].lower()


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"danger_now": True}, id="danger now"),
        pytest.param({"topics": ["self-harm"]}, id="self-harm"),
        pytest.param({"topics": ["suicidal-thoughts"]}, id="suicidal thoughts"),
        pytest.param({"topics": ["loneliness", "self-harm"]}, id="loneliness with self-harm"),
        pytest.param({"age": 30}, id="too old for the forum"),
    ],
)
def test_peer_support_is_never_offered_in_a_crisis_or_outside_its_ages(answers: dict[str, Any]) -> None:
    answer = triage(**answers)
    assert answer["peer_support"] == []
    assert answer["suggestions"]


@pytest.mark.usefixtures("directory_data")
def test_the_page_shows_peer_support_after_the_suggestions() -> None:
    form = {"for_whom": "self", "age": "14", "topics": ["loneliness"], "danger_now": "false", "language": "en"}
    html = Client(HTTP_HOST="localhost").post("/?lang=en", form).content.decode()
    assert "Also: talk with other young people" in html
    assert html.index('<ol class="cards">') < html.index('class="peer-support"')
    assert "Moderated by young people themselves" in html


@pytest.mark.usefixtures("directory_data")
def test_the_forum_is_published_from_dated_secondary_sources_and_still_to_verify() -> None:
    forum = Service.objects.get(slug="awel-forum")
    assert forum.status == Service.Status.PUBLISHED
    assert forum.needs_verification
    assert forum.last_verified is None
    # No hours are known, so it never claims to be open: it "answers later".
    assert not forum.channels.filter(opening_hours__isnull=False).exists()
    dated = [source for source in forum.sources.all() if source.source_date[:2] == "20"]
    assert {source.source_date[:7] for source in dated} >= {"2018-03", "2023-10", "2023-12"}
    assert all("secondary" in source.citation for source in dated)


@pytest.mark.usefixtures("empty_directory")
def test_only_peer_support_has_moderators() -> None:
    service = make_service(kind=Service.Kind.PEER_SUPPORT, moderated_by=Service.Moderators.YOUNG_PEOPLE)
    service.full_clean()
    service.kind = Service.Kind.HELPLINE
    with translation.override("en"), pytest.raises(ValidationError, match="Only moderated peer support has moderators"):
        service.full_clean()
