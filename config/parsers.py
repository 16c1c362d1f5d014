"""The API's one JSON parser: refuses, with a 400 or 413, what no API request can be.

A body is read only up to DATA_UPLOAD_MAX_MEMORY_SIZE bytes (so a huge one is never buffered) and
parsed by orjson, which reads JSON as RFC 8259 defines it: UTF-8 only, no NaN or Infinity, no
number too large for a double, and no string holding a lone UTF-16 surrogate ("\\ud800", which no
text is made of, so no serializer can echo it back into a response that cannot be encoded).
Nesting deeper than MAXIMUM_DEPTH is refused before any view sees it.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# A triage request is two levels deep; anything near orjson's own limit (1,024) is an attack.
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
            data = orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise exceptions.ParseError(gettext("JSON parse error - %(error)s") % {"error": error}) from error
        if body.count(b"[") + body.count(b"{") > MAXIMUM_DEPTH:  # else it cannot nest that deep
            check_depth(data)
        return data


def check_depth(data: Any) -> None:
    """ParseError for nesting deeper than MAXIMUM_DEPTH."""
    pending: list[tuple[Any, int]] = [(data, 1)]  # a stack, not recursion: the input chooses the depth
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAXIMUM_DEPTH:
                raise exceptions.ParseError(
                    gettext("JSON nested deeper than %(maximum)s levels.") % {"maximum": MAXIMUM_DEPTH}
                )
            pending.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
