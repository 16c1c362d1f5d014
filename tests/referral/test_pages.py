"""The public page, the embed page and the widget files, through Django's test client (no browser):
rendering without JavaScript, headers for embedding anywhere, CORS, and no cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client

from directory.snapshot import forget_snapshot

pytestmark = pytest.mark.django_db

EMERGENCY_LINKS = ('href="tel:112"', 'href="tel:1813"', 'href="tel:106"')
# In French the box names the French-speaking 24/7 lines: the suicide-prevention line and Télé-Accueil.
FRENCH_EMERGENCY_LINKS = ('href="tel:112"', 'href="tel:+3280032123"', 'href="tel:107"')
WIDGET_FILES = {
    "embed.js": "text/javascript; charset=utf-8",
    "referral-widget.js": "text/javascript; charset=utf-8",
    "referral-widget.css": "text/css; charset=utf-8",
    # Linked by the widget inside a partner page's shadow root (and by the service's pages).
    "message.css": "text/css; charset=utf-8",
}
FORM = {"for_whom": "someone_else", "age": "16", "topics": ["self-harm"], "danger_now": "false", "language": "nl"}


@pytest.fixture
def client() -> Iterator[Client]:
    """For what does not depend on the directory's content (pages, headers); an empty directory."""
    forget_snapshot()
    cache.clear()
    yield Client(HTTP_HOST="localhost")
    forget_snapshot()


@pytest.fixture
def directory(directory_data: None, client: Client) -> Client:
    """The client, with the real Flemish directory loaded (suggestions, the API)."""
    forget_snapshot()
    return client


def inline_code(html: str) -> list[str]:
    """Inline scripts, style elements, style attributes and event handler attributes: a strict CSP blocks them."""
    return (
        re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        + re.findall(r"<style\b", html)
        + re.findall(r"\sstyle=\"", html)
        + re.findall(r"\son[a-z]+=\"", html)
    )


# --- The page ------------------------------------------------------------------------------------


def test_the_page_shows_the_emergency_numbers_first_and_sets_no_cookie(client: Client) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert '<html lang="nl">' in html
    positions = [html.index(link) for link in EMERGENCY_LINKS]
    assert max(positions) < html.index("<main")  # before anything else, and without JavaScript
    assert '<form class="finder" method="post" action="/?lang=nl#answer"' in html
    assert "csrfmiddlewaretoken" not in html
    assert inline_code(html) == []
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_helper_path_is_preset_and_the_influencer_guide_is_there(client: Client) -> None:
    html = client.get("/?lang=en").content.decode()
    assert 'for-whom="someone_else"' in html
    assert re.search(r'value="someone_else" id="q-for_whom-2" checked', html)
    assert "For influencers: answering a follower who is struggling" in html
    for step in ("Don't promise to keep it secret.", "In immediate danger: 112.", "Set boundaries.", "Check in later."):
        assert step in html


@pytest.mark.parametrize(
    ("query", "accept", "language", "heading"),
    [
        ("?lang=fr", "", "fr", "Aide quelqu'un à trouver la bonne ligne d'écoute"),
        ("?lang=en", "nl", "en", "Help someone find the right helpline"),
        ("", "fr-BE,fr;q=0.9", "fr", "Aide quelqu'un à trouver la bonne ligne d'écoute"),
        ("", "", "nl", "Help iemand de juiste hulplijn te vinden"),
        ("?lang=de", "", "nl", "Help iemand de juiste hulplijn te vinden"),
    ],
)
def test_the_language_comes_from_the_query_then_accept_language(
    client: Client, query: str, accept: str, language: str, heading: str
) -> None:
    response = client.get(f"/{query}", HTTP_ACCEPT_LANGUAGE=accept)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert response.headers["Content-Language"] == language
    assert f'<referral-widget lang="{language}"' in html


def test_the_french_page_welcomes_the_reader_whatever_their_gender(client: Client) -> None:
    html = client.get("/?lang=fr").content.decode()

    assert "Tu as ta place ici aussi." in html
    assert "Tu n'as pas à tout régler seul·e." in html
    assert "bienvenu" not in html


def test_posting_the_form_renders_suggestions_and_the_message_without_javascript(directory: Client) -> None:
    response = directory.post("/?lang=nl", FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Hier kan je nu terecht" in html
    assert html.count('<article class="card">') >= 1
    assert "Bericht om door te sturen" in html
    assert "Laat je me weten hoe het ging?" in html  # the message's closing, for a helper
    assert "Als je iemand anders helpt" in html  # for_helper guidance
    assert re.search(r'<a class="button primary" href="(tel:|https://)', html)
    # The answers stay filled in, and nothing the person answered ends up in a URL.
    assert re.search(r'value="self-harm" id="[^"]+" checked', html)
    assert 'action="/?lang=nl#answer"' in html


def test_the_short_message_and_its_copy_button_come_right_after_the_results_heading(directory: Client) -> None:
    html = directory.post("/?lang=nl", FORM).content.decode()
    results = html[html.index('<h2 id="results-title">') :]
    box = re.search(r'<textarea class="message-box" id="message-short" readonly[^>]*>([^<]*)</textarea>', results)
    assert box is not None
    first_card = results.index('<article class="card">')
    assert box.start() < results.index('data-copy="message-short"') < first_card
    # Only the message comes between the heading and the text area (no emergency without danger).
    assert re.sub(r"\s+", " ", results[: box.start()]).count("<h") == 2  # the results heading, the message's
    short = box.group(1).replace("&#x27;", "'")
    assert short.startswith("Het klinkt alsof het nu echt zwaar is.")
    assert len(short) < 400
    # The longer message is there too, in a disclosure before the cards; the first card does not repeat it.
    longer = results.index("Langer bericht, met wat je kan verwachten")
    assert longer < first_card
    first_card_html = results[first_card : results.index("</article>", first_card)]
    assert "Bericht over deze hulp" not in first_card_html
    # The copy button is for JavaScript only (page.js unhides it); the text area works without.
    assert re.search(r'<button class="button primary" type="button" data-copy="message-short"[^>]* hidden>', results)


def test_without_javascript_errors_come_first_and_the_title_says_so(directory: Client) -> None:
    html = directory.post("/?lang=nl", FORM | {"topics": []}).content.decode()
    assert re.search(r"<title>Fout: ", html)
    summary = html.index('<div class="form-errors" role="alert">')
    assert html.index("<h1>") < summary < html.index('<p class="lead">') < html.index('<form class="finder"')
    assert html.index('<div id="answer">') < summary  # where the form's action (#answer) lands
    assert '<a href="#q-topics">' in html[summary:]
    ok = directory.post("/?lang=fr", FORM | {"language": "fr"}).content.decode()
    assert "<title>Erreur" not in ok
    assert "<title>Erreur : " in directory.post("/?lang=fr", FORM | {"age": "abc"}).content.decode()


def channel(**changes: object) -> dict[str, object]:
    return {"kind": "phone", "href": "tel:102", "action": "Bel 102", "open_now": True, "when": ""} | changes


@pytest.mark.parametrize(
    ("state", "classes", "says"),
    [
        pytest.param(channel(when="Nu open tot 22:00"), "button primary", "Bel 102", id="open"),
        pytest.param(
            channel(open_now=False, when="Opent morgen om 14:00"),
            "button secondary closed",
            '<span class="button-when">Opent morgen om 14:00</span> Bel 102',
            id="closed",
        ),
        pytest.param(
            channel(open_now=None, when="Openingsuren niet gekend"), "button primary", "Bel 102", id="unknown"
        ),
    ],
)
def test_open_lines_get_the_primary_button_and_closed_ones_a_secondary_that_says_when(
    state: dict[str, object], classes: str, says: str
) -> None:
    item = {"service": {"name": "Awel"}, "channel": state, "reasons": [], "other_channels": []}
    html = render_to_string("referral/_suggestion.html", {"item": item})
    assert f'<a class="{classes}" href="tel:102">{says}</a>' in html
    # The time is said once: on the closed button, or above an open one.
    assert html.count(str(state["when"])) == 1


@pytest.mark.parametrize("open_now", [True, False])
def test_a_card_says_in_words_why_its_hours_are_not_confirmed(open_now: bool) -> None:
    reason = "Openingsuren uit een onrechtstreekse bron, niet van de dienst zelf"
    main = channel(open_now=open_now, when="Meestal open tot 22:00 (nog niet bevestigd)", hours_uncertain_reason=reason)
    other = channel(kind="chat", href="https://www.awel.be", when="Opent om 18:00", hours_uncertain_reason=reason)
    item = {"service": {"name": "Awel"}, "channel": main, "reasons": [], "other_channels": [other]}
    html = render_to_string("referral/_suggestion.html", {"item": item})
    assert html.count(f'<p class="hours-reason">{reason}</p>') == 1  # the chosen channel, once
    assert f'Opent om 18:00<span class="hours-reason">. {reason}.</span>' in html  # the other channel
    confirmed = channel(when="Nu open tot 22:00", hours_confirmed=True, hours_uncertain_reason="")
    item = {"service": {"name": "Tele-Onthaal"}, "channel": confirmed, "reasons": [], "other_channels": []}
    assert "hours-reason" not in render_to_string("referral/_suggestion.html", {"item": item})


def test_danger_now_puts_112_first(directory: Client) -> None:
    html = directory.post("/?lang=en", FORM | {"danger_now": "true", "language": "en"}).content.decode()
    results = html[html.index('id="results"') :]
    assert "Someone in danger: call 112 now" in results
    assert results.index('href="tel:112"') < results.index('id="message-short"') < results.index('<ol class="cards">')


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"topics": []}, "topics", "Kies minstens één onderwerp."),
        ({"age": "abc"}, "age", "Vul een leeftijd in tussen 0 en 120, of laat het leeg."),
        ({"age": "200"}, "age", "Vul een leeftijd in tussen 0 en 120, of laat het leeg."),
        ({"age": "²"}, "age", "Vul een leeftijd in tussen 0 en 120, of laat het leeg."),
        ({"danger_now": ""}, "danger_now", "Kies ja of nee."),
        ({"topics": ["not-a-topic"]}, "topics", "Kies minstens één onderwerp."),
        ({"channels": ["pigeon"]}, "channels", "Kies uit de lijst."),
        ({"for_whom": ""}, "for_whom", "Kies voor wie je hulp zoekt."),
    ],
)
def test_invalid_answers_come_back_with_the_error_next_to_the_field(
    directory: Client, changes: dict[str, object], field: str, message: str
) -> None:
    response = directory.post("/?lang=nl", FORM | changes)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="error" id="q-{field}-error">{message}</p>' in html.replace("&#x27;", "'")
    assert f"q-{field}-error" in html[: html.index(f'id="q-{field}-error"')]  # referenced by aria-describedby
    assert "Hier kan je nu terecht" not in html
    assert all(link in html for link in EMERGENCY_LINKS)


def test_a_garbage_post_is_a_400_not_a_500(client: Client) -> None:
    response = client.post("/", "\x00\xff not a form", content_type="application/octet-stream")
    assert response.status_code == 400


# --- The embed page ------------------------------------------------------------------------------


def test_the_embed_page_can_be_framed_by_any_site_with_a_strict_csp(client: Client) -> None:
    response = client.get("/embed/?lang=fr&topic=self-harm&for-whom=someone_else")
    html = response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in csp
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert inline_code(html) == []
    assert not response.cookies
    assert '<referral-widget lang="fr" topic="self-harm" for-whom="someone_else">' in html
    assert all(link in html for link in FRENCH_EMERGENCY_LINKS)  # before and without JavaScript


def test_the_embed_page_drops_settings_it_does_not_expect(client: Client) -> None:
    html = client.get('/embed/?lang=xx&topic="><script>alert(1)</script>&for-whom=everyone').content.decode()
    assert "alert(1)" not in html
    assert '<referral-widget lang="nl">' in html


def test_the_how_to_page_has_the_three_snippets_with_absolute_urls(client: Client) -> None:
    response = client.get("/embed/how/?lang=en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "http://localhost/widget/v1/embed.js" in html
    assert "http://localhost/embed/?lang=en" in html
    assert "http://localhost/widget/v1/referral-widget.js" in html
    assert "can see what a visitor answers" in html
    assert inline_code(html.replace('style="border:0"', "")) == []  # the one style= is inside a code sample


# --- The widget files ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content_type"), WIDGET_FILES.items())
def test_widget_files_are_served_with_cache_cors_and_no_cookie(client: Client, name: str, content_type: str) -> None:
    response = client.get(f"/widget/v1/{name}", HTTP_ORIGIN="https://partner.example")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert not response.cookies
    again = client.get(f"/widget/v1/{name}", HTTP_IF_NONE_MATCH=response.headers["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("name", ["nope.js", "..%2Fpages.py", "referral-widget.JS", ".hidden.js", "page.py"])
def test_only_widget_files_are_served(client: Client, name: str) -> None:
    assert client.get(f"/widget/v1/{name}").status_code == 404


def test_the_widget_script_keeps_nothing_in_the_browser(client: Client) -> None:
    source = client.get("/widget/v1/referral-widget.js").content.decode()
    source = re.sub(r"/\*.*?\*/|^\s*//[^\n]*$", "", source, flags=re.DOTALL | re.MULTILINE)  # code, not comments
    for storage in (
        "localStorage",
        "sessionStorage",
        "document.cookie",
        "indexedDB",
        "innerHTML",
        "insertAdjacentHTML",
    ):
        assert storage not in source
    assert 'credentials: "omit"' in source


# --- CORS ----------------------------------------------------------------------------------------


def test_the_triage_preflight_is_answered(client: Client) -> None:
    response = client.options(
        "/api/v1/triage/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert response.headers["Access-Control-Allow-Headers"] == "Content-Type, Accept-Language"
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert not response.cookies


def test_api_answers_allow_any_origin(directory: Client) -> None:
    questions = directory.get("/api/v1/triage/questions/?lang=fr", HTTP_ORIGIN="https://partner.example")
    assert questions.status_code == 200
    assert questions.headers["Access-Control-Allow-Origin"] == "*"
    triage = directory.post(
        "/api/v1/triage/",
        {"topics": ["self-harm"], "danger_now": False, "for_whom": "self", "language": "fr"},
        content_type="application/json",
        HTTP_ORIGIN="https://partner.example",
    )
    assert triage.status_code == 200
    assert triage.headers["Access-Control-Allow-Origin"] == "*"
    assert not triage.cookies
    missing = directory.get("/api/v1/nothing-here/", HTTP_ORIGIN="https://partner.example")
    assert missing.headers["Access-Control-Allow-Origin"] == "*"


def test_pages_outside_the_api_get_no_cors_header(client: Client) -> None:
    assert "Access-Control-Allow-Origin" not in client.get("/").headers
    assert "Access-Control-Allow-Origin" not in client.get("/embed/").headers
