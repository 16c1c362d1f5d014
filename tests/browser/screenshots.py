"""Screenshots for docs/screenshots/: the page and the widget, at 1280 px and at 320 px wide, the same
in French (a search done, so the French cards and message show), the link-in-bio kit, the
influencer's path and a moderated peer-support suggestion on a 390x844 phone.

Not part of the test run (the file name does not start with test_). Make them with:

    .venv/bin/python tests/browser/screenshots.py

It runs through pytest so it gets the same live server, real directory and Chromium as the browser
tests. The results depend on the moment (which lines are open), so the pictures show "now".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def search(widget: Any, age: str = "16", topic: str = "self-harm", *, for_self: bool = False, region: str = "") -> None:
    """Answer the widget's questions (not in danger) and wait for the suggestions."""
    if for_self:
        widget.locator('.rw-form input[name="for_whom"][value="self"]').check()
    widget.locator('.rw-form input[name="age"]').fill(age)
    widget.locator(f'.rw-form input[name="topics"][value="{topic}"]').check()
    widget.locator('.rw-form input[name="danger_now"][value="false"]').check()
    if region:
        widget.locator('.rw-form select[name="region"]').select_option(region)
    widget.locator('.rw-form button[type="submit"]').click()
    expect(widget.locator('[part="suggestion"]').first).to_be_visible()


@pytest.mark.parametrize(("width", "suffix"), [(1280, "desktop"), (320, "320")])
def test_screenshots(make_context: Any, service: str, host: Any, width: int, suffix: str) -> None:
    from tests.browser.conftest import host_html

    OUT.mkdir(parents=True, exist_ok=True)
    page = make_context(viewport={"width": width, "height": 900}, device_scale_factor=1).new_page()

    page.goto(f"{service}/")
    expect(page.locator("referral-widget .rw-form")).to_be_visible()
    page.screenshot(path=OUT / f"page-{suffix}.png", full_page=True)

    url = host.add(
        "/partner.html",
        host_html(
            "Een partnersite",
            "<p>Zo ziet de zoeker eruit op de website van een partner (het laadscript, in een iframe).</p>"
            '<div data-referral-widget data-lang="nl"></div>'
            f'<script src="{service}/widget/v1/embed.js" async></script>',
            language="nl",
        ),
    )
    page.goto(url)
    page.wait_for_function("document.querySelector('iframe')")
    frame = page.frame_locator("iframe")
    search(frame.locator("referral-widget"))
    page.wait_for_timeout(400)  # the iframe takes its new height
    # Chromium clips cross-origin iframes in full-page shots: make the viewport as tall as the page.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": min(height, 6000)})
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / f"widget-{suffix}.png")


def test_french_screenshots(make_context: Any, service: str, host: Any) -> None:
    """The page in French after a search (a 15-year-old who self-harms) at 1280 px, and the widget on a
    French partner page at 320 px for sexual violence with the province asked (Liège)."""
    from tests.browser.conftest import host_html

    OUT.mkdir(parents=True, exist_ok=True)
    page = make_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1).new_page()
    page.goto(f"{service}/?lang=fr")
    search(page.locator("referral-widget"), "15", for_self=True)
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "page-fr-desktop.png", full_page=True)

    page = make_context(viewport={"width": 320, "height": 900}, device_scale_factor=1).new_page()
    url = host.add(
        "/partenaire.html",
        host_html(
            "Un site partenaire",
            '<referral-widget lang="fr"></referral-widget>'
            f'<script src="{service}/widget/v1/referral-widget.js" type="module"></script>',
            language="fr",
        ),
    )
    page.goto(url)
    widget = page.locator("referral-widget")
    expect(widget.locator(".rw-form")).to_be_visible()
    page.screenshot(path=OUT / "widget-fr-form-320.png", full_page=True)
    search(widget, "17", "sexual-violence", for_self=True, region="liege")
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "widget-fr-320.png", full_page=True)


def test_kit_screenshot(make_context: Any, service: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page = make_context(viewport={"width": 390, "height": 844}, device_scale_factor=1).new_page()
    page.goto(f"{service}/kit/?lang=nl&language=nl&audience=10-13&topics=self-harm#kit-result")
    page.wait_for_function("document.querySelector('img.kit-qr').complete")
    page.screenshot(path=OUT / "kit-phone.png")  # the first screen after "Maak mijn kit"
    page.locator("section.kit").screenshot(path=OUT / "kit-phone-full.png")


def test_phone_path_screenshots(make_context: Any, service: str) -> None:
    """The influencer's path on a 390 x 844 phone: the first screen after the results (message first),
    "yes, in danger" before submitting, and a failed search told next to the button."""
    import json

    phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1}
    page = make_context(**phone).new_page()
    page.goto(f"{service}/")
    widget = page.locator("referral-widget")
    widget.locator('.rw-form input[name="age"]').fill("14")
    widget.locator('.rw-form input[name="topics"][value="self-harm"]').check()
    widget.locator('.rw-form input[name="danger_now"][value="true"]').check()
    expect(widget.locator(".rw-danger-now")).to_be_visible()
    widget.locator(".rw-danger-now").scroll_into_view_if_needed()
    page.screenshot(path=OUT / "phone-danger.png")

    widget.locator('.rw-form input[name="danger_now"][value="false"]').check()
    widget.locator('.rw-form button[type="submit"]').click()
    expect(widget.locator("#rw-message-short")).to_be_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "phone-message.png")
    widget.locator('[part="suggestion"]').first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -40)")
    page.screenshot(path=OUT / "phone-cards.png")

    page.route(
        "**/api/v1/triage/",
        lambda route: route.fulfill(status=500, content_type="application/json", body=json.dumps({"detail": "x"})),
    )
    widget.get_by_role("button", name="Opnieuw beginnen").click()
    widget.locator('.rw-form button[type="submit"]').click()
    expect(widget.locator(".rw-status")).to_be_focused()
    page.screenshot(path=OUT / "phone-error.png")


def test_peer_support_screenshot(make_context: Any, service: str) -> None:
    """A 14-year-old who feels lonely, on a phone: Awel's moderated forum after the helplines."""
    phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1}
    page = make_context(**phone).new_page()
    page.goto(f"{service}/")
    widget = page.locator("referral-widget")
    search(widget, "14", "loneliness", for_self=True)
    peer = widget.locator(".rw-peer")
    expect(peer).to_be_visible()
    peer.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")  # the last helpline card above it stays in sight
    page.wait_for_timeout(300)
    page.screenshot(path=OUT / "phone-peer-support.png")


if __name__ == "__main__":
    sys.exit(pytest.main([str(Path(__file__)), "-q", "-o", "python_files=screenshots.py", "-p", "no:cacheprovider"]))
