"""The influencer's path on a phone (390 x 844), in a real browser against the real service: the
short message and its copy button first after the results heading, copying, closed lines that look
closed and say when they open, 112 as soon as "yes, in danger" is chosen, failed searches told next
to the button with focus on them, errors first without JavaScript, and axe on / and /embed/."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, focused

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
SCREEN = PHONE["viewport"]["height"]
# A Tuesday morning: Awel (phone and chat from 14:00 or 16:00) is closed, the 24/7 lines are open.
TUESDAY_MORNING = "2026-12-08T10:00:00+01:00"
FAILURES = {
    "500": {"status": 500, "body": {"detail": "boom"}, "says": "Het zoeken lukt nu niet. Dat ligt niet aan jou."},
    "429": {"status": 429, "body": {"detail": "slow down"}, "says": "Het is nu erg druk."},
    "timeout": {"status": None, "body": None, "says": "Het zoeken lukt nu niet. Dat ligt niet aan jou."},
}


def answer(widget: Any, *, danger: bool = False, for_whom: str = "someone_else") -> None:
    widget.locator(f'.rw-form input[name="for_whom"][value="{for_whom}"]').check()
    widget.locator('.rw-form input[name="age"]').fill("14")
    widget.locator('.rw-form input[name="topics"][value="self-harm"]').check()
    widget.locator(f'.rw-form input[name="danger_now"][value="{"true" if danger else "false"}"]').check()
    widget.locator('.rw-form button[type="submit"]').click()


def document_box(locator: Any) -> dict[str, float]:
    """The element's box in document coordinates (independent of where the page is scrolled)."""
    return locator.evaluate(  # type: ignore[no-any-return]
        """element => { const box = element.getBoundingClientRect();
           return {top: box.top + window.scrollY, bottom: box.bottom + window.scrollY,
                   viewTop: box.top, viewBottom: box.bottom}; }"""
    )


def at_tuesday_morning(route: Any) -> None:
    """Ask the real API about a fixed moment: the widget itself always asks about now."""
    if route.request.method != "POST":
        route.continue_()
        return
    body = json.loads(route.request.post_data or "{}") | {"at": TUESDAY_MORNING}
    route.continue_(post_data=json.dumps(body))


@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_on_a_phone_the_message_and_copy_button_come_first_after_the_results_heading(
    make_context: Any, service: str, path: str
) -> None:
    context = make_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{service}{path}?lang=nl")
    widget = page.locator("referral-widget")
    answer(widget)
    title = widget.locator("#rw-results-title")
    expect(title).to_be_focused()
    box = widget.locator("#rw-message-short")
    copy = widget.locator('[part="copy-button"]')
    expect(box).to_be_visible()
    heading, message, button = document_box(title), document_box(box), document_box(copy)
    first_card = document_box(widget.locator('[part="suggestion"]').first)
    # Heading, then the message, then its button, all inside one phone screen; the cards come after.
    assert heading["top"] < message["top"] < button["top"] < first_card["top"]
    assert button["bottom"] - heading["top"] <= SCREEN, (heading, button)
    # Focus on the heading scrolled it into view: the button is on the screen now, without scrolling.
    assert heading["viewTop"] > -1  # scrolled to the top (sub-pixel rounding aside)
    assert button["viewBottom"] <= SCREEN
    text = box.input_value()
    assert len(text) < 400
    assert text.startswith("Het klinkt alsof")
    assert box.get_attribute("readonly") is not None

    # Copying: with the clipboard permission, the button copies the short message exactly.
    copy.tap()
    expect(copy).to_have_text("Gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == text

    # A tap in the message selects all of it, ready for the phone's own "copy".
    box.tap()
    selection = box.evaluate("box => [box.selectionStart, box.selectionEnd, box.value.length]")
    assert selection == [0, len(text), len(text)]

    # The longer message is one tap away.
    longer = widget.locator(".message-first details")
    expect(longer.locator("summary")).to_have_text("Langer bericht, met wat je kan verwachten")
    longer.locator("summary").tap()
    expect(longer.locator(".rw-message-text")).to_contain_text("Het is sterk dat je erover praat.")


def test_without_javascript_the_phone_lands_on_the_results_with_the_message_in_a_text_area(
    make_context: Any, service: str
) -> None:
    page = make_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(f"{service}/?lang=nl")
    page.locator('form.finder input[name="topics"][value="self-harm"]').check()
    page.locator('form.finder input[name="danger_now"][value="false"]').check()
    page.locator('form.finder button[type="submit"]').click()
    title = page.locator("#results-title")
    expect(title).to_be_visible()
    assert page.url.endswith("#answer")
    heading, message = document_box(title), document_box(page.locator("#message-short"))
    assert message["bottom"] - heading["top"] <= SCREEN
    # The browser scrolled to #answer: the message is on the first screen it shows.
    assert message["viewTop"] >= 0
    assert message["viewBottom"] <= SCREEN
    expect(page.locator("#message-short")).to_have_attribute("readonly", "")
    expect(page.locator("#message-short")).to_have_value(re.compile(r"^Het klinkt alsof"))
    expect(page.locator('[data-copy="message-short"]')).to_be_hidden()  # a copy button needs JavaScript


def test_a_closed_line_has_a_secondary_button_that_says_when_it_opens(make_context: Any, service: str) -> None:
    page = make_context(**PHONE).new_page()
    page.route("**/api/v1/triage/", at_tuesday_morning)
    page.goto(f"{service}/embed/?lang=nl")
    widget = page.locator("referral-widget")
    answer(widget, for_whom="self")
    expect(widget.locator("#rw-results-title")).to_be_focused()
    channels = widget.locator('[part="suggestion"] .rw-channel')
    expect(channels.first).to_be_visible()
    closed = widget.locator('[part="suggestion"] .rw-channel.rw-closed')
    expect(closed.first).to_be_visible()
    for index in range(channels.count()):
        button = channels.nth(index)
        classes = button.get_attribute("class") or ""
        if "rw-closed" in classes:
            assert "rw-secondary" in classes
            assert "rw-primary" not in classes
            expect(button).to_contain_text(re.compile(r"^Opent (vandaag|morgen|op) "))
        else:
            assert "rw-primary" in classes
    # The first suggestion is always reachable now: its button is the primary one.
    expect(channels.first).to_have_class(re.compile(r"\brw-primary\b"))
    # Awel opens at 16:00 on Tuesdays (its phone; Wednesdays 14:00).
    awel = widget.locator('[part="suggestion"]').filter(has=page.locator(".rw-card-title", has_text="Awel"))
    expect(awel.locator(".rw-channel")).to_have_text(
        # Awel's hours rest on a secondary source, so the time carries the qualifier (issue 11).
        re.compile(r"^Opent vandaag om \d\d:\d\d \(nog niet bevestigd\)\s+(Bel 102|Open de chat)")
    )
    # ... and the card says why, in words, after the button.
    expect(awel.locator(".rw-now .rw-hours-reason")).to_have_text(
        "Openingsuren uit een onrechtstreekse bron, niet van de dienst zelf"
    )
    secondary = awel.locator(".rw-channel").evaluate("button => getComputedStyle(button).backgroundColor")
    primary = channels.first.evaluate("button => getComputedStyle(button).backgroundColor")
    assert secondary != primary  # it looks different, not only in its class


def test_yes_in_danger_shows_the_112_button_before_submitting(make_context: Any, service: str) -> None:
    page = make_context(**PHONE).new_page()
    for path in ("/", "/embed/"):
        page.goto(f"{service}{path}?lang=en")
        widget = page.locator("referral-widget")
        call = widget.locator(".rw-danger-now a[href='tel:112']")
        expect(widget.locator('.rw-form input[name="danger_now"][value="true"]')).to_be_visible()
        expect(call).to_be_hidden()
        widget.locator('.rw-form input[name="danger_now"][value="true"]').check()
        expect(call).to_be_visible()
        expect(call).to_have_text("Call 112")
        expect(widget.locator(".rw-results")).to_be_hidden()  # nothing was sent
        call.scroll_into_view_if_needed()
        assert call.bounding_box()["height"] >= 44  # a real button, easy to hit
        widget.locator('.rw-form input[name="danger_now"][value="false"]').check()
        expect(call).to_be_hidden()

    # Without JavaScript the emergency numbers are already at the top of the page.
    page = make_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(f"{service}/?lang=en")
    expect(page.locator(".emergency a[href='tel:112']")).to_be_in_viewport()


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_search_is_told_next_to_the_button_and_gets_the_focus(
    make_context: Any, service: str, failure: str
) -> None:
    case = FAILURES[failure]

    def fail(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
        elif case["status"] is None:
            route.abort("timedout")
        else:
            route.fulfill(status=case["status"], content_type="application/json", body=json.dumps(case["body"]))

    page = make_context(**PHONE).new_page()
    page.route("**/api/v1/triage/", fail)
    page.goto(f"{service}/?lang=nl")
    widget = page.locator("referral-widget")
    answer(widget)
    status = widget.locator(".rw-status")
    expect(status).to_contain_text(str(case["says"]))
    expect(status).to_be_focused()
    element = focused(page.main_frame)
    assert element is not None
    assert str(case["says"]) in element["text"]
    # Right under the button the person pressed, and on the screen.
    submit = document_box(widget.locator('.rw-form button[type="submit"]'))
    notice = document_box(status)
    assert 0 <= notice["top"] - submit["bottom"] <= 40
    assert 0 <= notice["viewTop"] < SCREEN
    for number in ("112", "1813", "106"):
        expect(status.locator(f'a[href="tel:{number}"]')).to_be_visible()
    # Retrying after the service is back gives the results.
    page.unroute("**/api/v1/triage/")
    status.get_by_role("button", name="Opnieuw proberen").tap()
    expect(widget.locator("#rw-results-title")).to_be_focused()
    expect(status).to_be_hidden()


def test_without_javascript_errors_come_first_and_the_title_says_so(make_context: Any, service: str) -> None:
    page = make_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(f"{service}/?lang=fr")
    page.locator('form.finder button[type="submit"]').click()
    summary = page.locator(".form-errors")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Choisis au moins un sujet.")
    expect(page).to_have_title(re.compile(r"^Erreur : "))


@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_axe_finds_no_issue_on_the_phone_path(make_context: Any, service: str, path: str) -> None:
    """Stricter than "no serious or critical issue": no WCAG A/AA violation of any impact."""
    page = make_context(**PHONE).new_page()
    page.goto(f"{service}{path}?lang=nl")
    widget = page.locator("referral-widget")
    expect(widget.locator(".rw-form")).to_be_visible()
    widget.locator('.rw-form input[name="danger_now"][value="true"]').check()
    expect(widget.locator(".rw-danger-now")).to_be_visible()
    assert axe_violations(page) == [], f"{path} with the 112 box"
    answer(widget)
    expect(widget.locator("#rw-message-short")).to_be_visible()
    assert axe_violations(page) == [], f"{path} with the message first"
    # A 14-year-old who feels lonely: Awel's moderated forum after the helplines.
    widget.get_by_role("button", name="Opnieuw beginnen").click()
    widget.locator('.rw-form input[name="for_whom"][value="self"]').check()
    widget.locator('.rw-form input[name="age"]').fill("14")
    widget.locator('.rw-form input[name="topics"][value="self-harm"]').uncheck()
    widget.locator('.rw-form input[name="topics"][value="loneliness"]').check()
    widget.locator('.rw-form input[name="danger_now"][value="false"]').check()
    widget.locator('.rw-form button[type="submit"]').click()
    expect(widget.locator(".rw-peer")).to_contain_text("Awel-forum")
    assert axe_violations(page) == [], f"{path} with moderated peer support"
