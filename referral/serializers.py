"""Triage request and response. The request serializer is strict: unknown fields, wrong JSON types,
unknown slugs and out-of-range values are refused with the field and what is allowed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField, get_error_detail

from directory.entries import DEFAULT_LANGUAGE, LANGUAGES, MAXIMUM_AGE, MINIMUM_AGE
from directory.models import Channel
from directory.moments import MAXIMUM_MOMENT_LENGTH, MOMENT_PATTERN, parse_moment
from directory.serializers import ChannelSerializer
from referral.ranking import MAXIMUM_LIMIT
from referral.triage import FOR_WHOM, REGIONS, Answers


class StrictIntegerField(serializers.IntegerField):
    """An integer in JSON: "13", 13.5 and true are refused rather than coerced."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": _("Must be true or false (a JSON boolean).")}

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
    region = StrictStringChoiceField(
        choices=REGIONS,
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text="A province (or Brussels), to prefer a walk-in place there; never an address. Empty or null: "
        "no region is assumed.",
    )
    at = MomentField(
        required=False, help_text="ISO 8601 moment, 1900 to 2200 (default now); without offset: Brussels time."
    )
    limit = StrictIntegerField(required=False, default=3, min_value=1, max_value=MAXIMUM_LIMIT)

    def validate_at(self, raw: str) -> datetime:
        try:
            return parse_moment(raw)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


# The request's fields, built once: DRF builds (deep-copies) a serializer's fields for every
# instance, which cost more than ranking the directory. Fields keep no state while validating.
REQUEST = TriageRequestSerializer()
# (name, field, the serializer's validate_<name> or None), in the serializer's order
REQUEST_FIELDS = tuple(
    (name, field, getattr(REQUEST, f"validate_{name}", None)) for name, field in REQUEST.fields.items()
)
REQUEST_FIELD_NAMES = frozenset(REQUEST.fields)


def is_plainly_valid(field: serializers.Field, value: Any) -> bool:
    """Whether `field` takes `value` as it is: the JSON type it asks for, within its declared bounds
    or one of its choices, so `field.run_validation(value)` would return the value unchanged and
    need not run (it costs more than all these checks; most requests are valid). Read from the
    field's own declaration, so every rule stays written once; anything else (text outside ASCII,
    the moment, a field kind not listed) goes through the field, which refuses it with its own
    message."""
    if value is None:
        return bool(field.allow_null)
    if isinstance(field, StrictBooleanField):
        return type(value) is bool
    if isinstance(field, StrictIntegerField):
        return (
            type(value) is int
            and (field.min_value is None or value >= field.min_value)
            and (field.max_value is None or value <= field.max_value)
        )
    if isinstance(field, StrictStringChoiceField):
        return type(value) is str and (value in field.choices or (value == "" and field.allow_blank))
    if isinstance(field, serializers.CharField):
        # ASCII (so no surrogate), no NUL, nothing to trim: what the field's validators pass unchanged.
        return (
            type(value) is str
            and value.isascii()
            and "\x00" not in value
            and value == value.strip()
            and (bool(value) or field.allow_blank)
            and (field.max_length is None or len(value) <= field.max_length)
            and (field.min_length is None or len(value) >= field.min_length)
        )
    if isinstance(field, serializers.ListField):
        return (
            type(value) is list
            and (field.min_length is None or len(value) >= field.min_length)
            and (field.max_length is None or len(value) <= field.max_length)
            and all(is_plainly_valid(field.child, item) for item in value)
        )
    return False


def read_answers(data: Any, topic_slugs: Collection[str]) -> Answers:
    """Validate a triage request body with TriageRequestSerializer's fields and checks.

    Raises ValidationError naming each bad field, as the serializer would; `at` defaults to now."""
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": [gettext("The body must be a JSON object.")]})
    unknown = sorted(data.keys() - REQUEST_FIELD_NAMES)
    if unknown:
        allowed = ", ".join(name for name, _, _ in REQUEST_FIELDS)
        raise serializers.ValidationError(
            {name: [gettext("Unknown field. Allowed fields: %(fields)s.") % {"fields": allowed}] for name in unknown}
        )
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, field, check in REQUEST_FIELDS:
        try:
            if name in data:
                value = data[name]
                if not is_plainly_valid(field, value):
                    value = field.run_validation(value)
                values[name] = check(value) if check is not None else value
            elif field.required:
                field.fail("required")
            else:
                values[name] = field.get_default()
        except SkipField:
            pass
        except serializers.ValidationError as error:
            errors[name] = error.detail
        except DjangoValidationError as error:
            errors[name] = get_error_detail(error)
    if "topics" in values and not errors.get("topics"):
        unknown_topics = sorted(set(values["topics"]).difference(topic_slugs))
        if unknown_topics:
            errors["topics"] = [
                gettext("Unknown topic(s): %(unknown)s. Allowed: %(allowed)s.")
                % {"unknown": ", ".join(unknown_topics), "allowed": ", ".join(sorted(topic_slugs))}
            ]
    if errors:
        raise serializers.ValidationError(errors)
    return Answers(
        age=values.get("age"),
        topics=tuple(dict.fromkeys(values["topics"])),
        danger_now=values["danger_now"],
        for_whom=values["for_whom"],
        channels=tuple(values["channels"]),
        language=values["language"],
        region=values["region"] or "",
        at=values.get("at") or timezone.now(),
        limit=values["limit"],
    )


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class ServiceBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(
        help_text="The name on a card: the service's own name in the requested language where the directory has "
        "one (“Centre de Prise en charge des Violences Sexuelles”), else its official name."
    )
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
    region_name = serializers.CharField(
        help_text="The province of a walk-in place in words, in the requested language, when the place as shown "
        "does not already name it; empty otherwise."
    )


class SuggestionSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    service = ServiceBriefSerializer()
    reasons = ReasonSerializer(many=True)
    channel = SuggestedChannelSerializer()
    other_channels = SuggestedChannelSerializer(many=True)
    what_to_expect = serializers.CharField()
    message = serializers.CharField(
        allow_null=True,
        help_text="A warm-referral message naming this service, ready to copy; only when it is reachable now "
        "(null on a closed card, which says when it opens in `channel.when`).",
    )


class EmergencySerializer(serializers.Serializer):
    service = ServiceBriefSerializer()
    channel = SuggestedChannelSerializer()
    what_to_say = serializers.CharField()
    also = SuggestionSerializer(allow_null=True, help_text="The 24/7 line to call as well.")


class ForHelperSerializer(serializers.Serializer):
    services = SuggestionSerializer(many=True, help_text="Lines that take calls about someone else.")
    guidance = serializers.ListField(child=serializers.CharField())


class PeerSupportSerializer(serializers.Serializer):
    service = ServiceBriefSerializer()
    channel = SuggestedChannelSerializer(help_text="The forum or group; its hours are when it is moderated.")
    moderation = serializers.CharField(help_text="Who moderates and for which ages, in words; only known facts.")
    what_to_expect = serializers.CharField()


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
    peer_support = PeerSupportSerializer(
        many=True,
        help_text="Moderated peer groups and forums, for non-urgent worries (loneliness, feeling down) only and "
        "never when someone is in danger now: a further resource next to the suggestions, never instead of them.",
    )


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
