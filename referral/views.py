"""The triage API: validate the answers, call the pure core through the snapshot, serialise.

The answers live only in this request: they are not stored, logged, cached or put in a URL, and
the response must not be cached by anyone (Cache-Control: no-store).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.errors import api_exception_handler
from config.parsers import BoundedJSONParser
from directory.moments import RequestLanguageMixin, requested_language
from directory.renderers import FastJSONRenderer
from referral.serializers import (
    QuestionnaireSerializer,
    TriageRequestSerializer,
    TriageResponseSerializer,
    read_answers,
)
from referral.suggest import questionnaire_for, topic_slugs, triage_answer

JSON = "application/json"


class TriageView(RequestLanguageMixin, APIView):
    """POST with a JSON body, the request every user of the triage sends, is answered by `answer`
    without DRF's request cycle (wrapping, negotiation, the response machinery), which cost more
    than the triage itself (docs/performance.md); the same parser, throttles, error handler and
    renderer run as in that cycle. Every other request (OPTIONS, a 405, another content type, an
    empty body, an Accept without JSON) takes DRF's own path."""

    renderer_classes = [FastJSONRenderer]
    throttle_scope = "triage"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and is_plain_json_request(request):
            self.request, self.args, self.kwargs = request, args, kwargs
            self.headers = self.default_response_headers
            return self.answer(request)
        return super().dispatch(request, *args, **kwargs)

    def answer(self, request: HttpRequest) -> HttpResponse:
        try:
            translation.activate(requested_language(request))
            self.check_throttles(request)  # type: ignore[arg-type]  # they read only the client's address
            data = BoundedJSONParser().parse(request, JSON, {"encoding": request.encoding or settings.DEFAULT_CHARSET})
            body, status = self.triage(data), 200
            headers = {"Cache-Control": "no-store"}
        except APIException as error:
            response = api_exception_handler(error, {"view": self, "request": request})
            assert response is not None  # the handler answers every APIException
            body, status = response.data, response.status_code
            headers = {name: value for name, value in response.headers.items() if name != "Content-Type"}
        headers |= self.headers
        headers["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
        return HttpResponse(FastJSONRenderer().render(body), content_type=JSON, status=status, headers=headers)

    @extend_schema(request=TriageRequestSerializer, responses={200: TriageResponseSerializer})
    def post(self, request: Request) -> Response:
        return Response(self.triage(request.data), headers={"Cache-Control": "no-store"})

    @staticmethod
    def triage(data: Any) -> dict[str, Any]:
        if isinstance(data, dict) and "language" not in data:
            # Without a "language" in the body, help in the language the request asks for (?lang=,
            # Accept-Language), as every other answer of the API.
            data = {**data, "language": translation.get_language()}
        answers = read_answers(data, topic_slugs())
        if answers.language != translation.get_language():
            translation.activate(answers.language)  # the Content-Language of the answer
        return triage_answer(answers, answers.at or timezone.now())


def is_plain_json_request(request: HttpRequest) -> bool:
    """A JSON body, and an Accept header (if any) that takes JSON: what DRF would parse with the
    JSON parser and answer with the JSON renderer, without negotiating."""
    accept = request.headers.get("Accept", "*/*")
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return False
    return request.content_type == JSON and length > 0 and ("json" in accept or "*/*" in accept)


class QuestionsView(RequestLanguageMixin, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["nl", "fr", "en"])], responses={200: QuestionnaireSerializer}
    )
    def get(self, request: Request) -> Response:
        language = requested_language(request)
        questions = questionnaire_for(language)
        return Response({"language": language, "questions": [dataclasses.asdict(q) for q in questions]})
