"""The blank referral page is rendered once per directory snapshot and language; a page with
presets from a kit link, or with answers, is rendered for its request only."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client

from referral import pages

pytestmark = pytest.mark.usefixtures("directory_data")


def test_the_blank_page_is_rendered_once_per_language() -> None:
    client = Client()
    with mock.patch.object(pages, "render_home", wraps=pages.render_home) as rendered:
        first = client.get("/")
        again = client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
        french = client.get("/?lang=fr")

    assert rendered.call_count == 2  # nl once, fr once
    assert first.content == again.content
    assert french.content != first.content
    assert first["Content-Language"] == "nl"
    assert "Accept-Language" in first["Vary"]


def test_a_preset_page_is_rendered_for_its_request_only() -> None:
    client = Client()
    blank = client.get("/").content
    with mock.patch.object(pages, "render_home", wraps=pages.render_home) as rendered:
        preset = client.get("/?topics=self-harm&age=15")
        client.get("/?topics=self-harm&age=15")

    assert rendered.call_count == 2
    assert preset.content != blank
    assert b'value="15"' in preset.content
