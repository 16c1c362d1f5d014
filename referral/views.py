"""The triage API: validate the answers, call the pure core through the snapshot, serialise.

The answers live only in this request: they are not stored, logged, cached or put in a URL, and
the response must not be cached by anyone (Cache-Control: no-store).
"""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.models import Channel, Topic
from directory.moments import requested_language
from directory.serializers import ChannelSerializer
from referral import messages
from referral.catalog import ServiceEntry, Text
from referral.ranking import ChannelChoice, Ranking, Suggestion
from referral.serializers import QuestionnaireSerializer, TriageRequestSerializer, TriageResponseSerializer
from referral.suggest import snapshot, suggest
from referral.triage import Answers, questionnaire

# Bumped whenever ranking or message rules change, so an answer can be traced to the rules behind it.
RULESET_VERSION = "2026-11-28.1"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The body is too large for a triage request."
    default_code = "request_too_large"


class BoundedJSONParser(JSONParser):
    """Reads at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes: a huge body is refused, not buffered."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise RequestTooLarge(f"The body is larger than {limit} bytes; a triage request is a small JSON object.")
        return super().parse(io.BytesIO(body), media_type, parser_context)


def brief(service: ServiceEntry, language: str) -> dict[str, str]:
    return {
        "slug": service.slug,
        "name": service.name,
        "organisation": service.organisation,
        "summary": service.summary.get(language),
        "url": service.url,
    }


class TriageView(APIView):
    parser_classes = [BoundedJSONParser]
    throttle_scope = "triage"

    @extend_schema(request=TriageRequestSerializer, responses={200: TriageResponseSerializer})
    def post(self, request: Request) -> Response:
        current = snapshot()
        serializer = TriageRequestSerializer(data=request.data, topic_slugs=current.catalog.topic_slugs)
        serializer.is_valid(raise_exception=True)
        answers = serializer.answers()
        at = answers.at or timezone.now()
        return Response(present(suggest(answers, at), answers, at), headers={"Cache-Control": "no-store"})


def present(ranking: Ranking, answers: Answers, at: datetime) -> dict[str, Any]:
    """The triage answer as JSON-ready data, in the answers' language."""
    language = answers.language

    def channel(choice: ChannelChoice) -> dict[str, Any]:
        data = ChannelSerializer(choice.channel, context={"at": at}).data
        return {**data, "when": messages.describe_openness(choice, language, at)}

    def suggestion(item: Suggestion) -> dict[str, Any]:
        # Each suggestion carries the message that names it first, so a helper can pick any of them.
        others = tuple(other for other in ranking.suggestions if other is not item)
        as_first = dataclasses.replace(ranking, suggestions=(item, *others))
        return {
            "rank": item.rank,
            "service": brief(item.service, language),
            "score": item.score,
            "reasons": [{"code": r.code, "text": messages.reason_text(r, language)} for r in item.reasons],
            "channel": channel(item.channel),
            "other_channels": [channel(other) for other in item.other_channels],
            "what_to_expect": messages.what_to_expect(item.service, language),
            "message": messages.compose(as_first, answers, language, at),
        }

    suggestions = [suggestion(item) for item in ranking.suggestions]
    emergency = None
    if ranking.emergency is not None:
        emergency = {
            "service": brief(ranking.emergency.service, language),
            "channel": channel(ranking.emergency.channel),
            "what_to_say": messages.emergency_text(language),
            "also": suggestion(ranking.fallback),
        }
    for_helper = None
    if answers.for_whom == "someone_else":
        for_helper = {
            "services": [suggestion(item) for item in ranking.for_helper],
            "guidance": list(messages.helper_guidance(language)),
        }
    return {
        "at": at.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "ruleset_version": RULESET_VERSION,
        "language": language,
        "emergency": emergency,
        "suggestions": suggestions,
        "message": suggestions[0]["message"] if suggestions else messages.compose(ranking, answers, language, at),
        "for_helper": for_helper,
        "resources": [brief(resource, language) for resource in ranking.resources],
    }


class QuestionsView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["nl", "fr", "en"])], responses={200: QuestionnaireSerializer}
    )
    def get(self, request: Request) -> Response:
        language = requested_language(request)
        topics = [(topic.slug, Text(topic.name_nl, topic.name_fr, topic.name_en)) for topic in Topic.objects.all()]
        questions = questionnaire(language, topics, Channel.Kind.values)
        return Response({"language": language, "questions": [dataclasses.asdict(q) for q in questions]})
