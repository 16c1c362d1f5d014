"""The link-in-bio kit (/kit/) and the finder pre-filled from its link, through Django's test client:
the link, the QR codes, the replies against the safe-messaging checker, bad input, nothing kept."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client

from directory.snapshot import forget_snapshot
from referral.kit import AUDIENCES, pinned_post, replies
from referral.messages import check_message
from referral.presets import MAXIMUM_TOPICS, finder_query, preset_answers

ROOT = Path(__file__).resolve().parents[2]
TOPIC_SLUGS = {"self-harm", "suicidal-thoughts", "relationships-sexuality", "identity-lgbtqi"}
# The longest link the kit makes: the youngest age, the two longest topic slugs of the directory,
# on a service address of a realistic length.
LONGEST_LINK = "https://hulplijnen.example.be/?" + finder_query(
    "nl", 10, ["relationships-sexuality", "suicidal-thoughts"]
)
KIT = "/kit/?lang=en&language=nl&audience=14-17&topics=self-harm&topics=suicidal-thoughts"


@pytest.fixture
def client(directory_data: None) -> Iterator[Client]:
    yield Client(HTTP_HOST="localhost")
    forget_snapshot()


# --- The link, both ways (pure) ------------------------------------------------------------------


HELPER_DEFAULTS = {"for_whom": "someone_else", "topics": []}
PRESET_CASES = [
    pytest.param("", HELPER_DEFAULTS, id="nothing preset: the page's defaults, for helpers"),
    pytest.param(
        "lang=fr&for_whom=self&age=14&topics=self-harm&topics=suicidal-thoughts",
        {"for_whom": "self", "age": 14, "topics": ["self-harm", "suicidal-thoughts"]},
        id="a kit link",
    ),
    pytest.param("for_whom=everyone&age=abc&topics=bogus", HELPER_DEFAULTS, id="unknown values are dropped"),
    pytest.param("age=121", HELPER_DEFAULTS, id="an age out of range"),
    pytest.param("age=" + "9" * 400, HELPER_DEFAULTS, id="a huge age"),
    pytest.param("age=\u0661\u0664", HELPER_DEFAULTS, id="non-ASCII digits"),
    pytest.param(
        "topics=self-harm&topics=self-harm&topics=identity-lgbtqi&topics=suicidal-thoughts",
        {"for_whom": "someone_else", "topics": ["self-harm", "identity-lgbtqi"]},
        id="no more than two topics, each once",
    ),
]


@pytest.mark.parametrize(("query", "expected"), PRESET_CASES)
def test_the_finder_reads_only_sensible_presets(query: str, expected: dict[str, Any]) -> None:
    answers = preset_answers(QueryDict(query), "nl", TOPIC_SLUGS)
    assert answers == {"language": "nl", "channels": [], **expected}


def test_a_kit_link_presets_what_the_influencer_chose() -> None:
    query = QueryDict(finder_query("en", 10, ["suicidal-thoughts", "self-harm", "identity-lgbtqi"]))
    assert query["lang"] == "en"
    answers = preset_answers(query, "en", TOPIC_SLUGS)
    assert answers["for_whom"] == "self"  # a follower who taps a bio link looks for themselves
    assert answers["age"] == 10
    assert answers["topics"] == ["suicidal-thoughts", "self-harm"][:MAXIMUM_TOPICS]


def test_the_presets_module_is_pure() -> None:
    code = "import sys, referral.presets; assert not any(m.startswith('django') for m in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# --- The texts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_reply_passes_the_safe_messaging_checker_and_fits_a_dm(language: str) -> None:
    texts = replies(LONGEST_LINK, language)
    assert [reply.id for reply in texts] == ["self-harm", "suicidal-thoughts", "image"]
    for reply in texts:
        assert check_message(reply.text, language) == [], (reply.id, reply.text)
        assert LONGEST_LINK in reply.text
        assert len(reply.text) < 400, (reply.id, len(reply.text))
    assert len({reply.text for reply in texts}) == 3


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_pinned_post_carries_the_link_and_the_numbers_safely(language: str) -> None:
    post = pinned_post(LONGEST_LINK, language)
    # A post to every follower answers nobody's message: no acknowledgement; every other point holds.
    assert check_message(post, language) == ["acknowledgement"]
    assert LONGEST_LINK in post
    # The day-and-night lines in the reader's language: the French ones in French (docs/language.md).
    numbers = {"fr": ("112", "0800 32 123", "107")}.get(language, ("112", "1813", "106"))
    assert all(number in post for number in numbers)
    assert len(post) < 400


# --- The page and the QR codes -------------------------------------------------------------------


def test_the_kit_page_starts_with_the_form_only_and_keeps_nothing(client: Client) -> None:
    response = client.get("/kit/?lang=fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'name="audience"' in html
    assert 'name="topics" value="self-harm"' in html
    assert 'id="kit-title"' not in html
    assert "form-errors" not in html  # nothing was asked yet
    assert not response.cookies
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_kit_gives_a_link_a_qr_code_replies_and_a_post(client: Client) -> None:
    response = client.get(KIT)
    html = response.content.decode()
    link = "http://localhost/?lang=nl&amp;for_whom=self&amp;age=14&amp;topics=self-harm&amp;topics=suicidal-thoughts"
    assert response.status_code == 200
    assert f'<a id="kit-link" href="{link}">' in html
    assert '<img class="kit-qr" src="/kit/qr.svg?language=nl&amp;audience=14-17&amp;topics=self-harm' in html
    assert 'href="/kit/qr.png?language=nl&amp;audience=14-17' in html
    for reply in ("self-harm", "suicidal-thoughts", "image"):
        assert f'id="reply-{reply}"' in html
    texts = re.findall(r'<textarea class="kit-textarea" id="([^"]+)"[^>]*lang="nl">([^<]*)</textarea>', html)
    assert [name for name, _text in texts] == ["reply-self-harm", "reply-suicidal-thoughts", "reply-image", "kit-post"]
    assert all(link in text for _name, text in texts)
    assert "Ik las je bericht." in texts[0][1]  # the followers' language, on an English page
    assert not response.cookies


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("language=nl", "Choose the age of most of your followers."),
        ("language=nl&audience=everyone", "Choose the age of most of your followers."),
        ("audience=all&topics=self-harm&topics=family&topics=school", "Choose up to two topics, or none."),
    ],
)
def test_the_kit_says_what_to_fix_next_to_the_field(client: Client, query: str, error: str) -> None:
    response = client.get(f"/kit/?lang=en&{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    assert "<title>Please check your choices." in html
    assert 'id="kit-title"' not in html


def test_garbage_in_the_kit_query_is_no_500(client: Client) -> None:
    response = client.get("/kit/?language=%00&audience=%ff&topics=%3Cscript%3E&lang=zz")
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()
    assert client.get("/kit/qr.png?audience=nope").status_code == 400
    assert client.get("/kit/qr.gif?audience=all").status_code == 404
    assert client.post("/kit/").status_code == 405


@pytest.mark.parametrize(
    ("kind", "content_type", "start"), [("png", "image/png", b"\x89PNG"), ("svg", "image/svg+xml", b"<svg")]
)
def test_the_qr_codes_are_made_here(client: Client, kind: str, content_type: str, start: bytes) -> None:
    response = client.get(f"/kit/qr.{kind}?language=fr&audience=10-13&topics=self-harm")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.content.startswith(start)
    assert not response.cookies


def test_every_audience_presets_its_youngest_age(client: Client) -> None:
    for audience in AUDIENCES:
        html = client.get(f"/kit/?language=nl&audience={audience.id}").content.decode()
        age = f"&amp;age={audience.youngest}" if audience.youngest is not None else ""
        assert f'href="http://localhost/?lang=nl&amp;for_whom=self{age}"' in html, audience.id


# --- The finder pre-filled -----------------------------------------------------------------------


def test_the_finder_ticks_its_form_from_a_kit_link(client: Client) -> None:
    html = client.get("/?lang=fr&for_whom=self&age=14&topics=self-harm&topics=bogus").content.decode()
    checked = re.findall(r'<input type="(?:radio|checkbox)" name="(\w+)" value="([\w-]+)"[^>]*\schecked', html)
    assert ("for_whom", "self") in checked
    assert ("topics", "self-harm") in checked
    assert ("for_whom", "someone_else") not in checked
    assert "bogus" not in html
    assert re.search(r'<input class="input" id="q-age" name="age"[^>]*value="14"', html)
    # With JavaScript the component replaces the form: it gets the presets it understands.
    assert '<referral-widget lang="fr" for-whom="self" topic="self-harm"' in html


def test_the_finder_without_a_link_is_for_helpers(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<referral-widget lang="nl" for-whom="someone_else" emergency="host"' in html
    assert re.search(r'name="for_whom" value="someone_else"[^>]*\schecked', html)
