"""The snippets of /embed/how/, copied as a partner would copy them, on a partner page of another origin:
never blank when the service is down, the numbers replaced once the finder is ready, and the documented
Content-Security-Policy is enough for all three ways to embed."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import HostPages, host_html

pytestmark = pytest.mark.browser

SNIPPETS = ("loader", "iframe", "element")
NUMBERS = ("112", "1813", "106")
# Records every CSP violation of the page and its frames; injected by the browser, so the partner's
# CSP (which forbids inline scripts) does not stop it.
WATCH_CSP = (
    "window.violations = [];"
    "document.addEventListener('securitypolicyviolation', e => window.violations.push("
    "e.violatedDirective + ' ' + e.blockedURI));"
)


def closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def snippets(page: Any, service: str, language: str = "nl") -> dict[str, str]:
    """The snippets as /embed/how/ shows them (the text a partner copies), and its CSP advice."""
    page.goto(f"{service}/embed/how/?lang={language}")
    return {name: page.locator(f"#snippet-{name}").text_content() for name in (*SNIPPETS, "csp")}


def expect_numbers(scope: Any) -> None:
    for number in NUMBERS:
        expect(scope.locator(f'a[href="tel:{number}"]').first).to_be_visible()


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_snippet_shows_the_emergency_numbers_when_the_service_is_down(
    page: Any, service: str, host: HostPages, snippet: str
) -> None:
    code = snippets(page, service)[snippet]
    dead = f"http://127.0.0.1:{closed_port()}"
    assert service in code
    url = host.add(f"/down-{snippet}.html", host_html("Partner", code.replace(service, dead), language="nl"))
    page.goto(url, wait_until="load")
    # Whatever the snippet tries has failed by now: nothing in flight, and nothing new for 500 ms.
    page.wait_for_load_state("networkidle")
    expect_numbers(page.locator("main"))
    expect(page.locator("main")).to_contain_text("Zelfmoordlijn")


def test_the_loader_keeps_the_numbers_when_its_script_loads_but_the_frame_does_not(
    page: Any, service: str, host: HostPages
) -> None:
    # embed.js is cached for an hour: the service may be down by the time the frame loads.
    code = snippets(page, service)["loader"]
    page.route("**/embed/?**", lambda route: route.abort("connectionrefused"))
    url = host.add("/frame-down.html", host_html("Partner", code, language="nl"))
    page.goto(url)
    iframe = page.locator("[data-referral-widget] iframe")
    expect(iframe).to_have_count(1)
    page.wait_for_load_state("networkidle")  # the frame's request has failed, and nothing else is tried
    expect_numbers(page.locator("[data-referral-widget]"))
    # The browser's error page inside the frame is out of sight and out of reach.
    assert iframe.evaluate("frame => frame.getBoundingClientRect().height") == 0
    assert iframe.evaluate("frame => frame.inert")


def test_the_loader_replaces_the_numbers_once_the_finder_is_ready(page: Any, service: str, host: HostPages) -> None:
    code = snippets(page, service)["loader"]
    url = host.add("/ready.html", host_html("Partner", code, language="nl"))
    page.goto(url)
    placeholder = page.locator("[data-referral-widget]")
    frame = page.frame_locator("[data-referral-widget] iframe")
    expect(frame.locator("referral-widget .rw-form")).to_be_visible()
    expect(placeholder.locator(":scope > *")).to_have_count(1)  # only the iframe is left
    expect(placeholder.locator(":scope > iframe")).not_to_have_attribute("aria-hidden", "true")
    assert placeholder.locator("iframe").evaluate("frame => !frame.inert && frame.clientHeight >= 320")


def test_the_documented_csp_lets_all_three_snippets_work(page: Any, service: str, host: HostPages) -> None:
    code = snippets(page, service, language="en")
    csp = code["csp"].strip()
    for directive in ("script-src", "frame-src", "style-src", "connect-src"):
        assert f"{directive} 'self' {service}" in csp
    body = "".join(f'<section id="{name}">{code[name]}</section>' for name in SNIPPETS)
    url = host.add("/csp.html", host_html("Partner with a CSP", body), {"Content-Security-Policy": csp})
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.add_init_script(WATCH_CSP)
    page.goto(url)

    loader = page.frame_locator("#loader iframe")
    expect(loader.locator("referral-widget .rw-form")).to_be_visible()
    expect(page.locator("#loader > [data-referral-widget] > p")).to_have_count(0)  # the numbers made way
    expect(page.frame_locator("#iframe iframe").locator("referral-widget .rw-form")).to_be_visible()
    element = page.locator("#element referral-widget")
    expect(element.locator(".rw-form")).to_be_visible()
    # The component's stylesheet loaded under the CSP: its button has the accent colour.
    expect(element.locator('.rw-form button[type="submit"]')).to_have_css("background-color", "rgb(11, 94, 85)")
    element.locator('.rw-form input[name="topics"][value="self-harm"]').check()
    element.locator('.rw-form input[name="danger_now"][value="false"]').check()
    element.locator('.rw-form button[type="submit"]').click()
    expect(element.locator('[part="suggestion"]').first).to_be_visible()  # connect-src: the API answered

    assert page.evaluate("window.violations") == []
    assert [problem for problem in problems if "Content Security Policy" in problem] == []
