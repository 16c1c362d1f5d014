"""Refuses requests no page or API can mean, before any view or database sees them.

A NUL character (%00) in the path or the query string is never part of a slug, a search or a
date, and PostgreSQL cannot even compare text holding one (it raises instead of finding nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from config.errors import error_body, is_api


def holds_nul(request: HttpRequest) -> bool:
    return "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", ""))


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not holds_nul(request):
            return self.get_response(request)
        if is_api(request):
            return JsonResponse(
                error_body("bad_request", "The URL holds a NUL character (%00), which no parameter can contain."),
                status=400,
            )
        return HttpResponseBadRequest("The URL holds a NUL character (%00).", content_type="text/plain; charset=utf-8")
