"""Every error under /api/ is JSON of one shape (ErrorSerializer) with a message a developer can act on.

Codes are English and stable; messages are in the request's language (`?lang=`, then
Accept-Language, then Dutch), as every other answer, and `Content-Language` says which.
DRF's own errors pass through `api_exception_handler`; Django's 400, 404 and 500 pages, which DRF
never sees (a bad Host header, unknown paths, a crash), are replaced under /api/ by `api_bad_request`,
`api_not_found` and `api_server_error`. A database that cannot be reached is a 503 with Retry-After,
never a 500: the client should try again, and the triage keeps answering from memory meanwhile.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import bad_request, page_not_found, server_error
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from directory.entries import LANGUAGES

# Seconds a client should wait after a 503; long enough for a database restart or fail-over.
RETRY_AFTER_SECONDS = 30
# Errors that mean "the database is not there right now", not "this request is wrong".
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


class ErrorSerializer(serializers.Serializer):
    """The shape of every API error; documented in the OpenAPI schema for every operation."""

    error = serializers.CharField(help_text="A stable code, e.g. invalid_request, not_found, throttled.")
    message = serializers.CharField(help_text="What went wrong, for the developer.")
    fields = serializers.DictField(
        required=False, help_text="For invalid_request: the messages per field that was refused."
    )


def error_body(code: str, message: str) -> dict[str, str]:
    return {"error": code, "message": message}


def unavailable() -> dict[str, Any]:
    return {
        "body": error_body("unavailable", _("The directory cannot be reached right now. Please try again shortly.")),
        "status": status.HTTP_503_SERVICE_UNAVAILABLE,
        "headers": {"Retry-After": str(RETRY_AFTER_SECONDS)},
    }


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("request_too_large", _("The body is too large; an API request is a small JSON object.")),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DATABASE_UNREACHABLE):
        outage = unavailable()
        return Response(outage["body"], status=outage["status"], headers=outage["headers"])
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {**error_body("invalid_request", _("The request is not valid.")), "fields": response.data}
    elif isinstance(exc, exceptions.ParseError):
        response.data = error_body("malformed_json", str(exc.detail))
    elif isinstance(exc, Http404):
        response.data = error_body("not_found", _("Nothing here with this identifier."))
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = error_body(getattr(exc, "default_code", "error"), str(detail))
    return response


def is_api(request: HttpRequest) -> bool:
    """An API request; its error is then written in the language it asks for (Django's handlers run
    outside the API views, which otherwise choose it)."""
    if not request.path.startswith("/api/"):
        return False
    requested = request.GET.get("lang", "")
    if requested in LANGUAGES:
        translation.activate(requested)
    return True


def api_bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            error_body("bad_request", _("The request could not be understood (check the Host header and the URL).")),
            status=status.HTTP_400_BAD_REQUEST,
        )
    return bad_request(request, exception)


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            error_body(
                "not_found", _("Nothing at %(path)s. See /api/docs/ for the endpoints.") % {"path": request.path}
            ),
            status=status.HTTP_404_NOT_FOUND,
        )
    return page_not_found(request, exception)


def api_server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            error_body("server_error", _("Something went wrong on our side. Please try again.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return server_error(request)
