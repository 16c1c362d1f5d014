"""The influencer guide on / (referral/templates/referral/_guide.html): every point the parliament
question asked about, in three languages, and no link or number that the research does not give."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from directory.snapshot import forget_snapshot

SOURCES = json.loads((Path(__file__).resolve().parents[2] / "referral" / "guide_links.json").read_text())
# One phrase per point of issue 13's "guide an expert would sign", as the Dutch page words it.
POINTS_NL = {
    "photos of wounds in DMs": "Een foto van een wonde in je DM's",
    "Awel 102, the agreed first step": "Awel (telefoon 102",
    "WAT WAT": "WAT WAT",
    "asking directly is right": "Het is goed om rechtstreeks te vragen of ze aan zelfdoding denken",
    "not knowing where the follower is": "Meld het via het platform",
    "101 or 112 with what you know": "bel de politie op 101 of 112 met wat je weet",
    "moderated peer support": "gemodereerde forum van Awel",
    "nupraatikerover": "nupraatikerover.be",
    "1712 for abuse": "1712",
    "Mediawijs": "Mediawijs",
    "the influencer code": "influencercode",
    "VLESP's advice for posting": "VLESP",
    "106 for the influencer themself": "bel Tele-Onthaal op 106 voor jezelf",
}


@pytest.fixture
def client(directory_data: None) -> Iterator[Client]:
    yield Client(HTTP_HOST="localhost")
    forget_snapshot()


def guide(client: Client, language: str) -> str:
    html = client.get(f"/?lang={language}").content.decode()
    start = html.index('<section class="guide"')
    return html[start : html.index("</section>", start)]


def test_the_guide_covers_every_point_of_the_question(client: Client) -> None:
    text = re.sub(r"\s+", " ", guide(client, "nl"))
    missing = [point for point, phrase in POINTS_NL.items() if phrase not in text]
    assert missing == []


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_guide_links_and_numbers_only_what_the_research_gives(client: Client, language: str) -> None:
    html = guide(client, language)
    external = set(re.findall(r'href="(https?://[^"]+)"', html))
    assert external == {link["url"] for link in SOURCES["links"]}
    assert all(link["sources"] and link["fact"] for link in SOURCES["links"])
    text = re.sub(r"<[^>]+>|https?://\S+", " ", html)
    numbers = set(re.findall(r"(?<![\d-])\d{3,4}(?![\d-])", text))
    assert numbers == set(SOURCES["numbers"])


@pytest.mark.parametrize(
    ("language", "heading", "note"),
    [
        pytest.param("nl", "Een foto van een wonde in je DM's", False, id="Dutch, no note that the lines speak Dutch"),
        pytest.param("fr", "La photo d'une blessure dans tes DM", True, id="French, with the note"),
        pytest.param("en", "A photo of a wound in your DMs", True, id="English, with the note"),
    ],
)
def test_the_guide_speaks_the_page_language(client: Client, language: str, heading: str, note: bool) -> None:
    html = guide(client, language)
    assert f"<h3>{heading}</h3>" in html
    assert ("112 and 101" in html or "112 et le 101" in html) is note
    assert '<a class="button secondary" href="/kit/?lang=' + language + '">' in html
