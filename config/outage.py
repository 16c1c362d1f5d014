"""While the database cannot be reached, nobody gets a bare 500.

The page, the widget and triage answer from the in-memory directory snapshot and never get here.
What does get here is whatever needed the database: the API then answers a JSON 503 with
Retry-After, and a page (for instance `/` in a worker that started during the outage, before it
had a snapshot) answers a static page with the emergency numbers, which need no database.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

from config.errors import DATABASE_UNREACHABLE, RETRY_AFTER_SECONDS, is_api, unavailable
from referral.pages import PAGE_CSP, page_language


def emergency_page(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    with translation.override(language):
        body = render_to_string("outage.html", {"language": language}, request=request)
    response = HttpResponse(body, status=503)
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["Content-Language"] = language
    return response


class OutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNREACHABLE):
            return None
        if is_api(request):
            outage = unavailable()
            response: HttpResponse = JsonResponse(outage["body"], status=outage["status"])
        else:
            response = emergency_page(request)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.headers["Cache-Control"] = "no-store"
        return response
