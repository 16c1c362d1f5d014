"""Reading the two request parameters every API answer depends on: the moment and the language."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from directory.entries import DEFAULT_LANGUAGE, LANGUAGES

# Opening hours, holidays and time-zone rules mean nothing far from today, and the calendar's edges
# (year 1 or 9999) overflow as soon as a zone offset is applied: refuse moments outside this window.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
# Long enough for any ISO 8601 moment with fractions and an offset; longer input is not echoed back.
MAXIMUM_MOMENT_LENGTH = 40
# What `parse_moment` accepts, for the OpenAPI schema: an ISO 8601 moment in the window above, with
# or without an offset (RFC 3339's date-time format would wrongly require one). February 29th is
# left out: a pattern cannot tell leap years, and the schema must not promise a day that is refused.
MOMENT_PATTERN = (
    r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-"
    r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
    r"[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$"
)


def parse_moment(raw: str) -> datetime:
    """An ISO 8601 moment; without an offset it is read as local time in Brussels.

    Raises ValueError with a message for the person who sent it."""
    if len(raw) > MAXIMUM_MOMENT_LENGTH:
        raise ValueError(
            gettext("Not an ISO 8601 date and time: longer than %(maximum)s characters.")
            % {"maximum": MAXIMUM_MOMENT_LENGTH}
        )
    # An unescaped "+01:00" in a query string arrives as " 01:00": read it as the offset it was.
    text = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw.strip())
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(
            gettext("“%(raw)s” is not an ISO 8601 date and time, e.g. 2026-12-08T20:30:00+01:00.") % {"raw": raw}
        )
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(
            gettext("“%(raw)s” is outside the years %(earliest)s to %(latest)s that opening hours cover.")
            % {"raw": raw, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=ZoneInfo(settings.SERVICE_TIME_ZONE))
    return moment


def requested_moment(request: Request, parameter: str = "open_at") -> datetime:
    raw = request.query_params.get(parameter)
    if raw is None:
        return timezone.now()
    try:
        return parse_moment(raw)
    except ValueError as error:
        raise ValidationError({parameter: [str(error)]}) from error


def requested_language(request: HttpRequest | Request) -> str:
    """`?lang=` first, then the Accept-Language header (via LocaleMiddleware), then Dutch."""
    # Without a query string there is no ?lang= (and no QueryDict need be built).
    raw = request.GET.get("lang") if request.META.get("QUERY_STRING") else None
    if raw is not None:
        if raw not in LANGUAGES:
            raise ValidationError(
                {
                    "lang": [
                        gettext("“%(raw)s” is not offered; choose one of: %(languages)s.")
                        % {"raw": raw, "languages": ", ".join(LANGUAGES)}
                    ]
                }
            )
        return raw
    code = (getattr(request, "LANGUAGE_CODE", "") or DEFAULT_LANGUAGE)[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


class RequestLanguageMixin:
    """For API views: the whole answer, errors included, in the requested language, and a
    Content-Language header that says which (LocaleMiddleware writes the active language)."""

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        translation.activate(requested_language(request))
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(self, request: Request, response: Response, *args: object, **kwargs: object) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response.headers["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
        return response
