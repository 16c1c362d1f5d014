"""Triage request and response. The request serializer is strict: unknown fields, wrong JSON types,
unknown slugs and out-of-range values are refused with the field and what is allowed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory.entries import DEFAULT_LANGUAGE, LANGUAGES, MAXIMUM_AGE, MINIMUM_AGE
from directory.models import Channel
from directory.moments import MAXIMUM_MOMENT_LENGTH, MOMENT_PATTERN, parse_moment
from directory.serializers import ChannelSerializer
from referral.ranking import MAXIMUM_LIMIT
from referral.triage import FOR_WHOM, Answers


class StrictIntegerField(serializers.IntegerField):
    """An integer in JSON: "13", 13.5 and true are refused rather than coerced."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be true or false (a JSON boolean)."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictStringChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "pattern": MOMENT_PATTERN, "maxLength": MAXIMUM_MOMENT_LENGTH})
class MomentField(serializers.CharField):
    """An ISO 8601 moment as text, read by `parse_moment` (years 1900 to 2200); a JSON number such as
    20261208 is refused rather than read as a date."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TriageRequestSerializer(serializers.Serializer):
    refuses_unknown_fields = True  # to_internal_value; the OpenAPI schema says additionalProperties: false
    age = StrictIntegerField(
        required=False,
        allow_null=True,
        min_value=MINIMUM_AGE,
        max_value=MAXIMUM_AGE,
        help_text=f"Age in years ({MINIMUM_AGE}-{MAXIMUM_AGE}); null when unknown.",
    )
    topics = serializers.ListField(
        child=serializers.CharField(), min_length=1, max_length=17, help_text="Topic slugs (GET /api/v1/topics/)."
    )
    danger_now = StrictBooleanField(help_text="Is someone in danger right now?")
    for_whom = StrictStringChoiceField(choices=FOR_WHOM, default="self")
    channels = serializers.ListField(
        child=StrictStringChoiceField(choices=Channel.Kind.values),
        required=False,
        default=list,
        max_length=8,
        help_text="Preferred channel kinds; favoured, not required.",
    )
    language = StrictStringChoiceField(choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    at = MomentField(
        required=False, help_text="ISO 8601 moment, 1900 to 2200 (default now); without offset: Brussels time."
    )
    limit = StrictIntegerField(required=False, default=3, min_value=1, max_value=MAXIMUM_LIMIT)

    def __init__(self, *args: Any, topic_slugs: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic_slugs = topic_slugs

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["The body must be a JSON object."]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [f"Unknown field. Allowed fields: {', '.join(self.fields)}."] for name in unknown}
            )
        return super().to_internal_value(data)

    def validate_topics(self, topics: list[str]) -> list[str]:
        unknown = sorted(set(topics) - self.topic_slugs)
        if unknown:
            raise serializers.ValidationError(
                f"Unknown topic(s): {', '.join(unknown)}. Allowed: {', '.join(sorted(self.topic_slugs))}."
            )
        return list(dict.fromkeys(topics))

    def answers(self) -> Answers:
        """The validated answers as the pure core's value; `at` defaults to now."""
        data = self.validated_data
        return Answers(
            age=data.get("age"),
            topics=tuple(data["topics"]),
            danger_now=data["danger_now"],
            for_whom=data["for_whom"],
            channels=tuple(data["channels"]),
            language=data["language"],
            at=data.get("at") or timezone.now(),
            limit=data["limit"],
        )

    def validate_at(self, raw: str) -> datetime:
        try:
            return parse_moment(raw)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class ServiceBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    organisation = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField(), help_text="The languages the line answers in.")
    language_note = serializers.CharField(
        help_text="For a line that will not answer in the requested language, which one it answers in, "
        "in words (“en néerlandais”, “in Dutch”); empty when it speaks the requested language."
    )


class SuggestedChannelSerializer(ChannelSerializer):
    when = serializers.CharField(help_text="When it is open, in words, in the requested language.")
    action = serializers.CharField(
        help_text="The text of its link, in the requested language: “Bel 106”, “Open de chat”."
    )


class SuggestionSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    service = ServiceBriefSerializer()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)
    channel = SuggestedChannelSerializer()
    other_channels = SuggestedChannelSerializer(many=True)
    what_to_expect = serializers.CharField()
    message = serializers.CharField(help_text="A warm-referral message naming this service, ready to copy.")


class EmergencySerializer(serializers.Serializer):
    service = ServiceBriefSerializer()
    channel = SuggestedChannelSerializer()
    what_to_say = serializers.CharField()
    also = SuggestionSerializer(allow_null=True, help_text="The 24/7 line to call as well.")


class ForHelperSerializer(serializers.Serializer):
    services = SuggestionSerializer(many=True, help_text="Lines that take calls about someone else.")
    guidance = serializers.ListField(child=serializers.CharField())


class TriageResponseSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    generated_at = serializers.DateTimeField()
    ruleset_version = serializers.CharField()
    language = serializers.CharField()
    emergency = EmergencySerializer(allow_null=True)
    suggestions = SuggestionSerializer(many=True)
    message = serializers.CharField(help_text="The message of the first suggestion.")
    message_short = serializers.CharField(
        help_text="The first suggestion's message in few words, for a DM: its channel with the number or link, "
        "when it closes, the 24/7 line and 112."
    )
    for_helper = ForHelperSerializer(allow_null=True)
    resources = ServiceBriefSerializer(many=True)


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()
    type = serializers.CharField()
    required = serializers.BooleanField()
    help = serializers.CharField()
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)
    choices = ChoiceSerializer(many=True)


class QuestionnaireSerializer(serializers.Serializer):
    language = serializers.CharField()
    questions = QuestionSerializer(many=True)
