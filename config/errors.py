"""Every error under /api/ is JSON with a message a developer can act on.

DRF's own errors pass through `api_exception_handler`; Django's 404 and 500 pages, which DRF never
sees (unknown paths, a crash), are replaced under /api/ by `api_not_found` and `api_server_error`.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found, server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"error": "request_too_large", "message": "The body is too large; an API request is a small JSON object."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"error": "invalid_request", "message": "The request is not valid.", "fields": response.data}
    elif isinstance(exc, exceptions.ParseError):
        response.data = {"error": "malformed_json", "message": str(exc.detail)}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"error": getattr(exc, "default_code", "error"), "message": str(detail)}
    return response


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"error": "not_found", "message": f"Nothing at {request.path}. See /api/docs/ for the endpoints."},
            status=status.HTTP_404_NOT_FOUND,
        )
    return page_not_found(request, exception)


def api_server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"error": "server_error", "message": "Something went wrong on our side. Please try again."},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return server_error(request)
