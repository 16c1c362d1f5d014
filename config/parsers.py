"""The API's one JSON parser: refuses, with a 400 or 413, what no API request can be.

A body is read only up to DATA_UPLOAD_MAX_MEMORY_SIZE bytes (so a huge one is never buffered);
nesting deeper than MAXIMUM_DEPTH and strings holding a lone UTF-16 surrogate ("\\ud800", which
JSON allows but no text is made of) are refused before any view sees them, so no serializer can
echo them back into a response that cannot be encoded.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# A triage request is two levels deep; anything near Python's recursion limit is an attack.
MAXIMUM_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The body is too large; an API request is a small JSON object.")
    default_code = "request_too_large"


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise RequestTooLarge(
                gettext("The body is larger than %(limit)s bytes; an API request is a small JSON object.")
                % {"limit": limit}
            )
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(too_deep()) from error
        check_shape(data)
        return data


def too_deep() -> str:
    return gettext("JSON nested deeper than %(maximum)s levels.") % {"maximum": MAXIMUM_DEPTH}


def check_shape(data: Any) -> None:
    """ParseError for nesting deeper than MAXIMUM_DEPTH or a string with a lone surrogate."""
    pending: list[tuple[Any, int]] = [(data, 1)]  # a stack, not recursion: the input chooses the depth
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if not is_text(value):
                raise exceptions.ParseError(gettext("A JSON string holds a lone UTF-16 surrogate (such as \\ud800)."))
        elif isinstance(value, dict | list):
            if depth > MAXIMUM_DEPTH:
                raise exceptions.ParseError(too_deep())
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)


def is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
