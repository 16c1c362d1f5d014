"""A real headless Chromium against the real service (pytest-django's live_server) and a second
origin that serves third-party host pages, so the widget really runs cross-origin.

- One server per test session over the real directory, committed once: the browser tests only read
  it, so none of them needs a transactional database (a flush after every test) or a reload.
- One browser for each run of consecutive browser modules in a worker; a fresh context (no shared
  state) per test.
- The service is http://localhost:<port>; host pages come from http://127.0.0.1:<other port>:
  another host and another port, so another origin.
- Debian's Chromium (/usr/bin/chromium), never a downloaded one. Missing: the tests are skipped,
  unless REQUIRE_BROWSER=1 (CI), then they fail.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from directory.snapshot import forget_snapshot

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, which floods a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The page the quick exit leaves to; the network is closed in tests, so the browser gets this instead.
EXIT_URL = "https://www.google.be/"
EXIT_PAGE = "<!doctype html><html lang='en'><title>Neutral</title><h1>Neutral page</h1></html>"

# The deepest focused element of a document, through open shadow roots; null when it has no focus.
FOCUSED = """() => {
  if (!document.hasFocus()) return null;
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (!element || element === document.body) return null;
  return {tag: element.tagName.toLowerCase(), type: element.type || "", name: element.name || "",
          value: element.value || "", checked: !!element.checked, text: (element.textContent || "").trim()};
}"""


class Chromium:
    """Chromium under Playwright, started by the first browser module of a run of them and kept
    for the next module when that one drives the browser too: a worker that gets two browser
    modules in a row (pytest-xdist hands out whole files) starts Chromium once, not twice."""

    def __init__(self) -> None:
        self.running: tuple[Any, Any, pytest.MonkeyPatch] | None = None

    def open(self) -> Any:
        if self.running is None:
            from playwright.sync_api import sync_playwright

            # Playwright's sync API keeps an event loop running in this thread, so Django takes the
            # ORM calls the tests make between browser steps (loading the fixture) for async ones.
            # They are synchronous; allowed only while the browser runs, and the browser stops
            # before any test that does not drive it, so those keep Django's check.
            patch = pytest.MonkeyPatch()
            patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
            playwright = sync_playwright().start()
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            self.running = (playwright, chromium, patch)
        return self.running[1]

    def close(self) -> None:
        if self.running is None:
            return
        playwright, chromium, patch = self.running
        self.running = None
        chromium.close()
        # Closed here, where the tests opened them while Playwright's loop ran: left open, they are
        # out of the session teardown's reach, and PostgreSQL waits 5 s for them before it drops the
        # test database.
        connections.close_all()
        playwright.stop()
        patch.undo()


# The test that runs after the one being torn down (None at the end), for the browser's teardown.
next_test: dict[str, pytest.Item | None] = {"item": None}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    next_test["item"] = nextitem


@pytest.fixture(scope="session")
def chromium(django_db_setup: None) -> Iterator[Chromium]:
    """Torn down before the test database (it closes the connections the browser tests opened)."""
    running = Chromium()
    yield running
    running.close()  # a run stopped early (-x) never reached the module that would have closed it


@pytest.fixture(scope="module")
def browser(chromium: Chromium) -> Iterator[Any]:
    """One Chromium per run of consecutive browser modules; a fresh context (no shared state) per test."""
    if not CHROMIUM.exists():
        reason = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 requires the browser tests to run.")
        pytest.skip(f"{reason}; set REQUIRE_BROWSER=1 to make this a failure.")
    yield chromium.open()
    following = next_test["item"]
    if following is None or "browser" not in following.fixturenames:
        chromium.close()


@pytest.fixture(scope="session")
def directory_server(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The real service in a thread of this process (Django's live server), over the real directory.

    The directory the session loaded (tests/conftest.py) is committed, and the tests that roll back
    never change it; `seed_directory` loads it again only if the database has no services. Not
    pytest-django's `live_server`: that one makes every test transactional (the database flushed
    after each), which read-only tests do not need.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("seed_directory", verbosity=0, stdout=io.StringIO())
    server = LiveServer("localhost")
    yield str(server.url)
    server.stop()


@pytest.fixture
def service(directory_server: str, db: None) -> Iterator[str]:
    """The service's origin, e.g. http://localhost:40123; fresh snapshot and throttle counters.

    `db` lets the server's threads reach the database while the test runs; they read the committed
    directory, never the test's own transaction.
    """
    forget_snapshot()
    cache.clear()
    yield directory_server
    # Tests that come after start from the same state (throttle counters filled on purpose, too).
    forget_snapshot()
    cache.clear()


def new_context(browser: Any, **options: Any) -> Any:
    options.setdefault("viewport", {"width": 1280, "height": 900})
    options.setdefault("locale", "nl-BE")  # Accept-Language: the pages speak Dutch unless ?lang= says otherwise
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.route(f"{EXIT_URL}**", lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))
    return context


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


class HostPages:
    """Third-party pages on another origin: path -> (HTML, extra headers)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, dict[str, str]]] = {}
        self.origin = ""

    def add(self, path: str, html: str, headers: dict[str, str] | None = None) -> str:
        self.pages[path] = (html, headers or {})
        return f"{self.origin}{path}"


@pytest.fixture(scope="session")
def host_server() -> Iterator[HostPages]:
    pages = HostPages()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            html, headers = pages.pages.get(self.path.split("?")[0], ("", {}))
            body = html.encode()
            self.send_response(200 if html else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pages.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages
    server.shutdown()
    server.server_close()


@pytest.fixture
def host(host_server: HostPages) -> Iterator[HostPages]:
    yield host_server
    host_server.pages.clear()


def host_html(title: str, body: str, language: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def axe_violations(target: Any) -> list[str]:
    """axe-core on a page or a frame (it walks open shadow roots), WCAG 2.x A/AA rules only."""
    from axe_playwright_python.sync_playwright import Axe

    # iframes: False: a cross-origin frame is checked on its own (axe(frame)); waiting for it is slow.
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"], "iframes": False}
    results = Axe().run(target, options=options)
    return [
        f"{violation['id']}: {violation['help']} -> {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def focused(frame: Any) -> dict[str, Any] | None:
    return frame.evaluate(FOCUSED)  # type: ignore[no-any-return]


@pytest.fixture
def make_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """Contexts with other options (no JavaScript, clipboard permissions, a phone-sized viewport)."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = new_context(browser, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
