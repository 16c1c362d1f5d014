"""The widget in a real browser, against the real service: the three ways to embed it, keyboard only,
three languages, a strict host CSP, the page without JavaScript, failure, privacy, copy, quick exit
and accessibility (axe-core, WCAG 2.x A/AA)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL, HostPages, axe_violations, focused, host_html

pytestmark = pytest.mark.browser

QUESTION = {
    "nl": "Voor wie zoek je hulp?",
    "fr": "Pour qui cherches-tu de l'aide ?",
    "en": "Who are you looking for help for?",
}
RESULTS_TITLE = {"nl": "Hier kan je nu terecht", "fr": "Où t'adresser maintenant", "en": "Where you can go now"}
# Written by the API (referral/messages.py) in the language asked: proof the results are in it too.
DANGER_LINE = {
    "nl": "Bel meteen 112",
    "fr": "Appelle tout de suite le 112",
    "en": "Call 112 straight away",
}
LOAD_FAILED = {
    "nl": "De vragen laden lukt nu niet. Dat ligt niet aan jou.",
    "en": "The questions can't be loaded right now. That's not your fault.",
}


def answer(scope: Any, topic: str = "self-harm", danger: bool = False) -> None:
    """Fill the widget's questionnaire with the pointer (the keyboard test does it without)."""
    scope.locator(f'.rw-form input[name="topics"][value="{topic}"]').check()
    scope.locator(f'.rw-form input[name="danger_now"][value="{"true" if danger else "false"}"]').check()
    scope.locator('.rw-form button[type="submit"]').click()


def expect_results(scope: Any, language: str) -> None:
    expect(scope.locator("#rw-results-title")).to_have_text(RESULTS_TITLE[language])
    expect(scope.locator('[part="suggestion"]').first).to_be_visible()
    expect(scope.locator('[part="suggestion"] .rw-channel').first).to_have_attribute(
        "href", re.compile(r"^(tel:|https:)")
    )


def expect_emergency_numbers(scope: Any) -> None:
    for number in ("112", "1813", "106"):
        expect(scope.locator(f'a[href="tel:{number}"]').first).to_be_visible()


def embed_frame(page: Any) -> Any:
    page.wait_for_function("document.querySelector('iframe') && document.querySelector('iframe').contentWindow")
    frame = next((frame for frame in page.frames if "/embed/" in frame.url), None)
    assert frame is not None, [frame.url for frame in page.frames]
    return frame


def storage_is_empty(frame: Any) -> bool:
    # A third-party iframe may be denied storage altogether (SecurityError): then nothing is in it either.
    return bool(
        frame.evaluate(
            """async () => {
              try {
                return localStorage.length === 0 && sessionStorage.length === 0
                  && (await indexedDB.databases()).length === 0 && document.cookie === '';
              } catch (error) {
                if (error.name === 'SecurityError') return true;
                throw error;
              }
            }"""
        )
    )


# --- (1) The loader on another origin, keyboard only; the iframe grows; (7) nothing kept -----------


def test_loader_on_another_origin_keyboard_only_and_the_iframe_grows(page: Any, service: str, host: HostPages) -> None:
    url = host.add(
        "/loader.html",
        host_html(
            "A partner site",
            '<p>Partner text.</p><div data-referral-widget data-lang="nl" data-topic="self-harm"></div>'
            f'<script src="{service}/widget/v1/embed.js" async></script>'
            # The host listens: it must only ever receive the height. And it tries to resize the frame
            # itself: the loader must ignore a message that is not from the service's iframe.
            "<script>window.received = []; addEventListener('message', e => received.push(e.data));"
            "setTimeout(() => postMessage({type: 'referral-widget:height', height: 9000}, '*'), 300);</script>",
            language="nl",
        ),
    )
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    page.goto(url)
    iframe = page.locator("iframe")
    expect(iframe).to_have_attribute("src", f"{service}/embed/?lang=nl&topic=self-harm")  # settings only
    expect(iframe).to_have_attribute("title", re.compile("Hulplijnen"))
    frame = embed_frame(page)
    expect(frame.get_by_role("group", name=re.compile(re.escape(QUESTION["nl"])))).to_be_visible()
    expect(frame.locator('.rw-form input[name="topics"][value="self-harm"]')).to_be_checked()  # the site's preset
    # The first height message, and the host's fake one, have landed.
    page.wait_for_function(
        "window.received.some(m => m.height === 9000)"
        " && window.received.some(m => m && m.type === 'referral-widget:height' && m.height !== 9000)"
    )
    height_before = iframe.bounding_box()["height"]
    assert height_before < 9000

    # Tab from the host page into the frame, then answer with Tab, Space, arrows, typing and Enter.
    submitted = False
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(frame)
        if element is None:
            continue
        if element["name"] == "age":
            page.keyboard.type("15")
        elif element["name"] == "topics" and element["value"] == "suicidal-thoughts" and not element["checked"]:
            page.keyboard.press("Space")
            assert focused(frame)["checked"]
        elif element["name"] == "danger_now":
            page.keyboard.press("ArrowDown" if element["value"] == "true" else "Space")
            now = focused(frame)
            assert (now["value"], now["checked"]) == ("false", True)
        elif element["tag"] == "button" and element["type"] == "submit":
            page.keyboard.press("Enter")
            submitted = True
            break
    assert submitted, "the submit button was never reached with Tab"

    expect_results(frame, "nl")
    # Focus moved to the results heading; screen readers hear the count in the live region.
    expect(frame.locator("#rw-results-title")).to_be_focused()
    expect(frame.locator('[aria-live="polite"]')).to_have_text(re.compile(r"suggestie"))
    page.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height > {height_before + 50}")
    frame_height = frame.evaluate("document.getElementById('frame').getBoundingClientRect().height")
    assert abs(iframe.bounding_box()["height"] - frame_height) <= 2  # grown to fit: no inner scrollbar

    received = page.evaluate("window.received")
    from_frame = [message for message in received if message.get("height") != 9000]
    assert from_frame
    assert all(
        set(message) == {"type", "height"} and message["type"] == "referral-widget:height" for message in from_frame
    )

    # Requests only to the service, without cookies; the answers only in the POST body.
    origins = {re.match(r"^[a-z]+://[^/]+", request.url).group(0) for request in requests}
    assert origins == {host.origin, service}
    assert all("cookie" not in request.headers for request in requests)
    posted = [request for request in requests if request.method == "POST"]
    assert [request.url for request in posted] == [f"{service}/api/v1/triage/"]
    body = json.loads(posted[0].post_data)
    assert (body["age"], body["topics"], body["danger_now"]) == (15, ["self-harm", "suicidal-thoughts"], False)
    assert all("self-harm" not in request.url or request.url.endswith("topic=self-harm") for request in requests)

    # (7) Nothing kept, on either origin.
    assert page.context.cookies() == []
    assert storage_is_empty(frame)
    assert storage_is_empty(page.main_frame)


# --- (2) The custom element under a strict host CSP ------------------------------------------------


def test_the_custom_element_works_on_a_host_page_with_a_strict_csp(page: Any, service: str, host: HostPages) -> None:
    csp = (
        f"default-src 'none'; script-src {service}; style-src {service}; connect-src {service}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    url = host.add(
        "/strict.html",
        host_html(
            "Strict partner",
            f'<script type="module" src="{service}/widget/v1/referral-widget.js"></script>'
            '<referral-widget lang="en" for-whom="someone_else" topic="suicidal-thoughts"></referral-widget>',
        ),
        {"Content-Security-Policy": csp},
    )
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(url)
    widget = page.locator("referral-widget")
    expect(widget.locator('.rw-form input[name="for_whom"][value="someone_else"]')).to_be_checked()
    expect(widget.locator('.rw-form input[name="topics"][value="suicidal-thoughts"]')).to_be_checked()
    # The stylesheet loaded under the host's CSP: the button has the accent colour.
    expect(widget.locator('.rw-form button[type="submit"]')).to_have_css("background-color", "rgb(11, 94, 85)")
    answer(widget, topic="suicidal-thoughts")
    expect_results(widget, "en")
    expect(widget.locator(".rw-helper")).to_contain_text("If you're helping someone else")
    expect(widget.locator(".rw-message-text").first).to_contain_text("Will you let me know how it went?")
    assert [problem for problem in problems if "Content Security Policy" in problem] == []
    assert page.context.cookies() == []


# --- (3) A plain iframe, and (4) three languages --------------------------------------------------


def test_a_plain_iframe_and_three_languages(page: Any, service: str, host: HostPages) -> None:
    url = host.add(
        "/iframe.html",
        host_html(
            "Partenaire",
            f'<iframe src="{service}/embed/?lang=fr" title="Lignes d\'écoute" width="100%" height="700"></iframe>',
            language="fr",
        ),
    )
    page.goto(url)
    frame = embed_frame(page)
    expect(frame.get_by_role("group", name=re.compile(re.escape(QUESTION["fr"])))).to_be_visible()
    expect(frame.locator('.rw-form input[name="language"][value="fr"]')).to_be_checked()
    # The built-in "right now" box in French: the French day-and-night lines (referral/emergency.py).
    expect(frame.locator('[part="emergency"] a[href="tel:+3280032123"]')).to_have_text("0800 32 123")
    expect(frame.locator('[part="emergency"] a[href="tel:1813"]')).to_have_count(0)
    # The optional province picks the care centre in it.
    frame.locator('.rw-form select[name="region"]').select_option("liege")
    answer(frame, topic="sexual-violence")
    expect_results(frame, "fr")
    expect(frame.locator(".rw-reasons li", has_text="Dans ta province : Liège")).to_be_visible()
    expect(frame.locator(".rw-message-text").first).to_contain_text(DANGER_LINE["fr"])
    assert page.locator("iframe").evaluate("frame => frame.clientHeight") == 700  # fixed: it scrolls inside

    for language in ("nl", "en"):
        page.goto(f"{service}/embed/?lang={language}")
        assert page.evaluate("document.documentElement.lang") == language
        widget = page.locator("referral-widget")
        expect(widget.get_by_role("group", name=re.compile(re.escape(QUESTION[language])))).to_be_visible()
        expect(widget.locator(f'.rw-form input[name="language"][value="{language}"]')).to_be_checked()
        answer(widget, danger=language == "en")
        expect_results(widget, language)
        expect(widget.locator(".rw-message-text").first).to_contain_text(DANGER_LINE[language])

    # In danger now: 112 comes first.
    urgent = page.locator('referral-widget [part="urgent"]')
    expect(urgent).to_contain_text("Someone in danger: call 112 now")
    expect(urgent.locator('a[href="tel:112"]')).to_be_visible()


# --- (5) Without JavaScript -----------------------------------------------------------------------


def test_the_page_works_without_javascript(make_context: Any, service: str) -> None:
    page = make_context(java_script_enabled=False).new_page()
    page.goto(f"{service}/")
    expect_emergency_numbers(page)
    expect(page.locator('input[name="for_whom"][value="someone_else"]')).to_be_checked()
    page.locator('button[type="submit"]').click()  # nothing chosen yet
    expect(page.locator("#q-topics-error")).to_have_text("Kies minstens één onderwerp.")
    expect(page.locator("#q-danger_now-error")).to_have_text("Kies ja of nee.")

    page.locator('input[name="topics"][value="self-harm"]').check()
    page.locator('input[name="danger_now"][value="false"]').check()
    page.locator("#q-age").fill("16")
    page.locator('button[type="submit"]').click()
    expect(page.locator("#results-title")).to_have_text(RESULTS_TITLE["nl"])
    expect(page.locator(".results .card").first).to_be_visible()
    expect(page.locator(".results .message-text").first).to_contain_text("112")
    expect(page.locator(".results .helper")).to_contain_text("Als je iemand anders helpt")
    expect_emergency_numbers(page)
    assert page.url == f"{service}/?lang=nl#answer"  # no answer in the URL, only where to scroll
    assert page.context.cookies() == []


# --- (6) Never blank ------------------------------------------------------------------------------


def test_never_blank_when_the_service_fails(page: Any, service: str, host: HostPages) -> None:
    # The API cannot be reached at all.
    page.route("**/api/**", lambda route: route.abort())
    page.goto(f"{service}/embed/?lang=nl")
    widget = page.locator("referral-widget")
    expect(widget.locator(".rw-notice")).to_contain_text(LOAD_FAILED["nl"])
    expect_emergency_numbers(widget.locator(".rw-notice"))
    expect_emergency_numbers(widget.locator('[part="emergency"]'))
    expect(widget.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    page.unroute("**/api/**")

    # The questions load, the search fails.
    page.route(
        "**/api/v1/triage/", lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    page.goto(f"{service}/embed/?lang=en")
    answer(widget)
    notice = widget.locator(".rw-status")  # next to the submit button
    expect(notice).to_contain_text("The search isn't working right now. That's not your fault.")
    expect_emergency_numbers(notice)
    page.unroute("**/api/v1/triage/")

    # A host page whose `api` points at a dead port.
    url = host.add(
        "/dead.html",
        host_html(
            "Dead API",
            f'<script type="module" src="{service}/widget/v1/referral-widget.js"></script>'
            '<referral-widget lang="en" api="http://127.0.0.1:9"></referral-widget>',
        ),
    )
    page.goto(url)
    expect(widget.locator(".rw-notice")).to_contain_text(LOAD_FAILED["en"])
    expect_emergency_numbers(widget)

    # The real rate limit (429): the service's throttle counters are full for this browser's address.
    page.goto(f"{service}/embed/?lang=en")
    expect(widget.locator(".rw-form")).to_be_visible()
    for address in ("127.0.0.1", "::1"):
        # Per scope (period, requests in it, requests in the one before): config/throttles.py
        cache.set(f"throttle_{address}", {"triage": (int(time.time() // 60), 10_000, 10_000)}, 120)
    answer(widget)
    notice = widget.locator(".rw-status")
    expect(notice).to_contain_text("It's very busy right now. Please try again in a minute.")
    expect_emergency_numbers(notice)


# --- (7) + (8) The full page: copy the message, nothing kept; target sizes and reflow --------------


def test_the_page_copies_the_message_keeps_nothing_and_reflows(make_context: Any, service: str) -> None:
    context = make_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{service}/")
    widget = page.locator("referral-widget")
    expect(widget.locator('.rw-form input[name="for_whom"][value="someone_else"]')).to_be_checked()
    expect(widget.locator('[part="quick-exit"]')).to_have_count(0)  # the page has its own, in the header
    expect_emergency_numbers(page.locator(".emergency"))
    answer(widget)
    expect_results(widget, "nl")
    message = widget.locator("#rw-message-short").input_value()
    copy = widget.locator('[part="copy-button"]').first
    copy.click()
    expect(copy).to_have_text("Gekopieerd")
    expect(widget.locator('[aria-live="polite"]')).to_have_text("Gekopieerd")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.split() == message.split()
    assert "112" in copied
    assert context.cookies() == []
    assert storage_is_empty(page.main_frame)
    # WCAG 2.5.8: every control at least 24 by 24 px (inline text links excepted).
    assert page.evaluate(SMALL_TARGETS) == []

    # WCAG 1.4.10: no horizontal scroll at 320 px, even with the text at 200% (WCAG asks 200% at 640 px).
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/embed/", "/embed/how/"):
        page.goto(f"{service}{path}?lang=fr")
        if path != "/embed/how/":
            widget = page.locator("referral-widget")
            answer(widget)
            expect(widget.locator("#rw-results-title")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{path} at 200% text"


SMALL_TARGETS = """() => {
  const small = [];
  const walk = root => {
    for (const element of root.querySelectorAll('a, button, input, summary')) {
      const box = element.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      // A link inside a sentence is exempt (its size is set by the line of text).
      const line = element.matches('a') ? element.closest('p, li') : null;
      const inline = line !== null && line.textContent.trim() !== element.textContent.trim();
      if (!inline && (box.height < 24 || box.width < 24)) small.push(element.outerHTML.slice(0, 80));
    }
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
  };
  walk(document);
  return small;
}"""


# --- (10) Quick exit ------------------------------------------------------------------------------


def test_quick_exit_leaves_at_once(page: Any, service: str, host: HostPages) -> None:
    before = host.add("/before.html", host_html("Before", "<p>Earlier page.</p>"))
    url = host.add(
        "/exit.html",
        host_html(
            "Exit", f'<div data-referral-widget></div><script src="{service}/widget/v1/embed.js" async></script>'
        ),
    )
    # From inside the loader's iframe: the whole host page is replaced.
    page.goto(before)
    page.goto(url)
    frame = embed_frame(page)
    frame.locator('[part="quick-exit"]').click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url == before  # replaced: the back button does not return to the widget

    # The custom element on a host page.
    url = host.add(
        "/element-exit.html",
        host_html(
            "Element",
            f'<script type="module" src="{service}/widget/v1/referral-widget.js"></script>'
            '<referral-widget lang="fr"></referral-widget>',
        ),
    )
    page.goto(before)
    page.goto(url)
    page.locator("referral-widget").get_by_role("button", name="Quitter vite").click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url == before

    # The link in the page's header.
    page.goto(f"{service}/?lang=en")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url == before


# --- (9) Accessibility ----------------------------------------------------------------------------


def test_axe_finds_no_wcag_violations(page: Any, service: str, host: HostPages) -> None:
    page.goto(f"{service}/")
    expect(page.locator("referral-widget .rw-form")).to_be_visible()
    assert axe_violations(page) == [], "/"
    answer(page.locator("referral-widget"))
    expect_results(page.locator("referral-widget"), "nl")
    assert axe_violations(page) == [], "/ with results"

    page.goto(f"{service}/?lang=fr")
    page.locator('referral-widget .rw-form button[type="submit"]').click()  # errors shown
    expect(page.locator("referral-widget .rw-error:not([hidden])").first).to_be_visible()
    assert axe_violations(page) == [], "/ with form errors"

    page.goto(f"{service}/embed/how/")
    assert axe_violations(page) == [], "/embed/how/"

    # The server-rendered form, errors and results: as without JavaScript (the widget never loads).
    page.route("**/widget/v1/referral-widget.js", lambda route: route.abort())
    page.goto(f"{service}/?lang=en")
    page.locator('form.finder button[type="submit"]').click()
    expect(page.locator("#q-topics-error")).to_be_visible()
    assert axe_violations(page) == [], "/ without JavaScript, with form errors"
    page.locator('form.finder input[name="topics"][value="self-harm"]').check()
    page.locator('form.finder input[name="danger_now"][value="true"]').check()
    page.locator('form.finder button[type="submit"]').click()
    expect(page.locator("#results-title")).to_be_visible()
    assert axe_violations(page) == [], "/ without JavaScript, with results"
    page.unroute("**/widget/v1/referral-widget.js")

    url = host.add(
        "/axe-element.html",
        host_html(
            "Partner",
            f'<script type="module" src="{service}/widget/v1/referral-widget.js"></script>'
            '<referral-widget lang="en" for-whom="someone_else"></referral-widget>',
        ),
    )
    page.goto(url)
    answer(page.locator("referral-widget"), danger=True)
    expect_results(page.locator("referral-widget"), "en")
    expect(page.locator('referral-widget [part="urgent"]')).to_be_visible()
    assert axe_violations(page) == [], "third-party page with the custom element, results and the 112 block"

    url = host.add(
        "/axe-loader.html",
        host_html(
            "Partner", f'<div data-referral-widget></div><script src="{service}/widget/v1/embed.js" async></script>'
        ),
    )
    page.goto(url)
    frame = embed_frame(page)
    expect(frame.locator(".rw-form")).to_be_visible()
    assert axe_violations(page) == [], "third-party page with the loader"
    assert axe_violations(frame) == [], "/embed/ inside the loader's iframe"
