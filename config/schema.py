"""The OpenAPI schema documents every error an operation can answer, with its JSON shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

from config.errors import ErrorSerializer

# Every operation: a refused parameter or Host (400), an unknown path or id (404), a wrong method
# (405), an Accept header that excludes JSON (406), the throttle (429), the database down (503).
EVERY_OPERATION = ("400", "404", "405", "406", "429", "503")
# Operations that read a body: too large (413) or not JSON (415).
WITH_BODY = ("413", "415")


class ErrorDocumentingAutoSchema(AutoSchema):
    # _get_response_bodies rather than get_response_serializers: @extend_schema(responses=...)
    # replaces the latter, and the errors must be documented on those operations too.
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        statuses = EVERY_OPERATION + (WITH_BODY if self.method in ("POST", "PUT", "PATCH") else ())
        for code in statuses:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        # django-filter reads an empty value (as an HTML form sends it) as "no filter", so "" is an
        # allowed value of every choice filter.
        parameters: list[dict[str, Any]] = super()._get_filter_parameters()
        for parameter in parameters:
            choices = parameter.get("schema", {}).get("enum")
            if choices is not None and "" not in choices:
                parameter["schema"]["enum"] = [*choices, ""]
        return parameters

    def _map_basic_serializer(self, serializer: Any, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and getattr(serializer, "refuses_unknown_fields", False):
            schema["additionalProperties"] = False
        return schema
