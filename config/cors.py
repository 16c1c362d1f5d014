"""CORS for the public API and the widget files: any site may call them, without credentials.

The API keeps no session and sets no cookie, so `Access-Control-Allow-Origin: *` is safe: a browser
never sends cookies or HTTP auth with a `*` response, and the widget fetches with
`credentials: "omit"` anyway. Preflights (OPTIONS with Access-Control-Request-Method, sent for the
JSON POST to /api/v1/triage/) are answered here, before any view, with 204 and no body.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CORS_PREFIXES = ("/api/", "/widget/")
ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Content-Type, Accept-Language"
PREFLIGHT_MAX_AGE = "600"


def is_cors_path(path: str) -> bool:
    return path.startswith(CORS_PREFIXES)


def is_preflight(request: HttpRequest) -> bool:
    return (
        request.method == "OPTIONS"
        and request.path.startswith("/api/")
        and "access-control-request-method" in request.headers
    )


class CorsMiddleware:
    """Adds `Access-Control-Allow-Origin: *` under /api/ and /widget/ and answers API preflights."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_preflight(request):
            response = HttpResponse(status=204)
            response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
            # An empty 204 still gets a Content-Type from HttpResponse; a preflight answer needs none.
            del response.headers["Content-Type"]
        else:
            response = self.get_response(request)
        if is_cors_path(request.path):
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response
