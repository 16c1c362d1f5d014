"""One log line per request, and response headers every answer carries.

The line holds the method, the path (never the query string, never a body: triage answers must not
reach a log), the status, the duration and a request id, as JSON when LOG_FORMAT=json. The id comes
from the proxy's X-Request-ID when it looks like one, so a line can be matched with the proxy's.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("config.access")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# No page or API uses these; a framed or injected script must not either.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def request_id(request: HttpRequest) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


def access_line(method: str, path: str, status: int, duration_ms: float, rid: str) -> str:
    if settings.LOG_FORMAT == "json":
        return json.dumps(
            {"method": method, "path": path, "status": status, "duration_ms": duration_ms, "request_id": rid},
            ensure_ascii=True,
        )
    return f"{method} {path} {status} {duration_ms}ms {rid}"


class AccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        rid = request_id(request)
        response = self.get_response(request)
        response.headers["X-Request-ID"] = rid
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # The path only: query strings can carry what a person chose, and bodies carry their answers.
        logger.info(access_line(request.method or "", request.path, response.status_code, duration_ms, rid))
        return response
