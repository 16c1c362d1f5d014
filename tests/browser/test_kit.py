"""The link-in-bio kit in a real browser: made with the form, its link pre-fills the finder (with and
without JavaScript), its QR codes decode to that link (zbarimg, from Debian's zbar-tools), the copy
buttons, nothing kept, and axe-core finds no WCAG A/AA violation on /kit/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def decode_qr(image: Path) -> str:
    """The text of the one QR code in an image, read by zbar."""
    if shutil.which("zbarimg") is None:
        reason = "zbarimg is not installed (apt-get install zbar-tools)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 requires the browser tests to run.")
        pytest.skip(reason)
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def make_kit(page: Any, service: str) -> str:
    """Fill in the kit's form as an influencer would; the link it gives."""
    page.goto(f"{service}/kit/?lang=nl")
    page.get_by_label("français").check()
    page.get_by_label("14 tot 17 jaar").check()
    page.get_by_label("Zelfverwonding").check()
    page.get_by_label("Zelfmoordgedachten").check()
    page.get_by_role("button", name="Maak mijn kit").click()
    expect(page.locator("#kit-title")).to_have_text("Jouw kit")
    return str(page.locator("#kit-link").get_attribute("href"))


def expect_the_kits_answers(form: Any) -> None:
    """The finder's form carries every answer `make_kit` chose, and no other topic."""
    expect(form.locator('input[name="for_whom"][value="self"]')).to_be_checked()
    expect(form.locator('input[name="age"]')).to_have_value("14")
    expect(form.locator('input[name="topics"][value="self-harm"]')).to_be_checked()
    expect(form.locator('input[name="topics"][value="suicidal-thoughts"]')).to_be_checked()
    expect(form.locator('input[name="topics"][value="family"]')).not_to_be_checked()
    expect(form.locator('input[name="language"][value="fr"]')).to_be_checked()


def test_the_kit_link_prefills_the_finder(make_context: Any, service: str) -> None:
    page = make_context().new_page()
    link = make_kit(page, service)
    assert link == f"{service}/?lang=fr&for_whom=self&age=14&topics=self-harm&topics=suicidal-thoughts"
    assert page.url.startswith(f"{service}/kit/?")  # a GET form: the page is the query, nothing kept

    # Without JavaScript: the server's form, every preset ticked.
    plain = make_context(java_script_enabled=False).new_page()
    plain.goto(link)
    expect_the_kits_answers(plain.locator("form.finder"))

    # With JavaScript: the component, with every preset the link carries.
    page.locator("#kit-link").click()
    expect_the_kits_answers(page.locator("referral-widget .rw-form"))
    assert page.url == link
    assert page.context.cookies() == []


def test_the_kit_qr_codes_decode_to_its_link(make_context: Any, service: str, tmp_path: Path) -> None:
    page = make_context().new_page()
    link = make_kit(page, service)

    # The PNG behind the download link.
    png = page.request.get(f"{service}{page.locator('a[download$=".png"]').get_attribute('href')}")
    assert png.headers["content-type"] == "image/png"
    (tmp_path / "qr.png").write_bytes(png.body())
    assert decode_qr(tmp_path / "qr.png") == link

    # The SVG as the page shows it, photographed from the screen.
    image = page.locator("img.kit-qr")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    image.screenshot(path=tmp_path / "shown.png")
    assert decode_qr(tmp_path / "shown.png") == link


def test_the_kit_copies_a_reply(make_context: Any, service: str) -> None:
    page = make_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    link = make_kit(page, service)
    reply = page.locator("#reply-image")
    expect(reply).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Kopieer het antwoord").nth(2).click()
    expect(page.locator("#reply-image-status")).to_have_text("Gekopieerd")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == reply.input_value()
    assert link in copied
    assert copied.startswith("J'ai vu ce que tu m'as envoyé.")
    # A tap selects the whole text, ready to copy by hand.
    reply.click()
    assert reply.evaluate("area => area.selectionStart === 0 && area.selectionEnd === area.value.length")


def test_axe_finds_no_wcag_violations_on_the_kit(page: Any, service: str) -> None:
    page.goto(f"{service}/kit/")
    assert axe_violations(page) == [], "/kit/"
    page.get_by_role("button", name="Maak mijn kit").click()  # no audience chosen
    expect(page.locator("#kit-audience-error")).to_be_visible()
    assert axe_violations(page) == [], "/kit/ with an error"
    make_kit(page, service)
    assert axe_violations(page) == [], "/kit/ with a kit"
    page.goto(f"{service}/kit/?lang=en&language=en&audience=all")
    expect(page.locator("#kit-title")).to_be_visible()
    assert axe_violations(page) == [], "/kit/ in English"
