"""The triage API: validate the answers, call the pure core through the snapshot, serialise.

The answers live only in this request: they are not stored, logged, cached or put in a URL, and
the response must not be cached by anyone (Cache-Control: no-store).
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.moments import RequestLanguageMixin, requested_language
from directory.renderers import FastJSONRenderer
from referral.serializers import (
    QuestionnaireSerializer,
    TriageRequestSerializer,
    TriageResponseSerializer,
    read_answers,
)
from referral.suggest import questionnaire_for, topic_slugs, triage_answer


class TriageView(RequestLanguageMixin, APIView):
    renderer_classes = [FastJSONRenderer]
    throttle_scope = "triage"

    @extend_schema(request=TriageRequestSerializer, responses={200: TriageResponseSerializer})
    def post(self, request: Request) -> Response:
        data = request.data
        if isinstance(data, dict) and "language" not in data:
            # Without a "language" in the body, help in the language the request asks for (?lang=,
            # Accept-Language), as every other answer of the API.
            data = {**data, "language": translation.get_language()}
        answers = read_answers(data, topic_slugs())
        translation.activate(answers.language)  # the Content-Language of the answer
        at = answers.at or timezone.now()
        return Response(triage_answer(answers, at), headers={"Cache-Control": "no-store"})


class QuestionsView(RequestLanguageMixin, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["nl", "fr", "en"])], responses={200: QuestionnaireSerializer}
    )
    def get(self, request: Request) -> Response:
        language = requested_language(request)
        questions = questionnaire_for(language)
        return Response({"language": language, "questions": [dataclasses.asdict(q) for q in questions]})
