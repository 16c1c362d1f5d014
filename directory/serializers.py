"""The directory as JSON.

Services and channels are made into JSON from the snapshot's frozen values by the functions here
and in directory/reads.py (fast, no query); their serializers document that JSON in the OpenAPI
schema, and tests check that the two agree field for field. A channel looks the same, with the
same openness, in the directory and in a triage answer (`channel_data`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory import hours
from directory.certainty import UNCERTAIN_REASONS, uncertain_reason
from directory.entries import ChannelEntry, Text, marked, read_marked
from directory.models import Organisation, Service, Topic

UPCOMING_EXCEPTION_DAYS = 60


class WeeklySlotSerializer(serializers.Serializer):
    day = serializers.ChoiceField(choices=hours.WEEKDAYS)
    opens = serializers.CharField(help_text="Local time HH:MM.")
    closes = serializers.CharField(
        help_text="Local time HH:MM; 00:00 is midnight; before `opens` it runs past midnight."
    )


class HoursExceptionSerializer(serializers.Serializer):
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    closed = serializers.BooleanField()
    slots = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()), help_text="[opens, closes] pairs."
    )


class ChannelSerializer(serializers.Serializer):
    """A channel with its openness at the moment asked and its texts in the asked language, Dutch
    (marked as such) where a curator has not written them yet (`channel_data`)."""

    kind = serializers.CharField()
    value = serializers.CharField()
    label = serializers.CharField()
    href = serializers.CharField(help_text="A ready link: tel:1813, https://..., mailto:...; empty for walk-in.")
    region = serializers.CharField(help_text="The province of a walk-in place; empty when not tied to one.")
    open_now = serializers.BooleanField(allow_null=True, help_text="Null when the channel has no known hours.")
    closes_at = serializers.DateTimeField(
        allow_null=True, help_text="When open: end of the current opening; null if open day and night."
    )
    next_open_at = serializers.DateTimeField(
        allow_null=True, help_text="When closed: the next opening; null if none is known."
    )
    hours_confirmed = serializers.BooleanField(
        allow_null=True,
        help_text=(
            "True only when the hours in force come from the service itself or an official dated source, "
            "or a person here checked them with the service within the verification deadline. "
            "Null when the channel has no known hours."
        ),
    )
    hours_uncertain = serializers.ChoiceField(
        choices=["", *UNCERTAIN_REASONS],
        help_text="Why the hours are not confirmed, as a code; empty when confirmed or without hours.",
    )
    hours_uncertain_reason = serializers.CharField(
        help_text="The same reason in words, in the requested language; empty when confirmed or without hours."
    )
    hours = WeeklySlotSerializer(many=True)
    exceptions = HoursExceptionSerializer(
        many=True, help_text=f"Date exceptions in the coming {UPCOMING_EXCEPTION_DAYS} days."
    )


def channel_data(
    channel: ChannelEntry,
    at: datetime,
    language: str,
    state: hours.Openness | None = None,
    sureness: hours.Certainty | None = None,
) -> dict[str, Any]:
    """A channel as JSON with its openness at `at` and how sure that is (`state` and `sureness`, when
    the caller already computed them) and its texts in `language`: the one shape of a channel in the
    directory and in a triage answer."""
    return channel_texts(channel, language) | worded(channel_openness(channel, at, state, sureness), language)


def worded(openness: dict[str, Any], language: str) -> dict[str, Any]:
    """A channel's openness part with the reason its hours are not confirmed in words, in `language`."""
    return openness | {"hours_uncertain_reason": uncertain_reason(openness["hours_uncertain"], language)}


def channel_texts(channel: ChannelEntry, language: str) -> dict[str, Any]:
    """The part of a channel's JSON that depends on the language, in the order of the fields."""
    return {
        "kind": channel.kind,
        "value": marked(*channel.shown_value(language), language),
        "label": read_marked(channel.label, language),
        "href": channel.href,
        "region": channel.region,
    }


def channel_openness(
    channel: ChannelEntry, at: datetime, state: hours.Openness | None = None, sureness: hours.Certainty | None = None
) -> dict[str, Any]:
    """The part of a channel's JSON that depends on the moment, the same in every language (the
    reason its hours are unsure is a code here: `worded` adds the words)."""
    schedule = channel.schedule
    if schedule is None:
        return {
            "open_now": None,
            "closes_at": None,
            "next_open_at": None,
            "hours_confirmed": None,
            "hours_uncertain": "",
            "hours": [],
            "exceptions": [],
        }
    if state is None:
        state = hours.openness(schedule, at)
    if sureness is None:
        sureness = hours.certainty(schedule, at)
    day = at.date()
    horizon = day + timedelta(days=UPCOMING_EXCEPTION_DAYS)
    return {
        "open_now": state.open_now,
        "closes_at": state.closes_at.isoformat() if state.closes_at else None,
        "next_open_at": state.next_open_at.isoformat() if state.next_open_at else None,
        "hours_confirmed": sureness.confirmed,
        "hours_uncertain": sureness.reason,
        "hours": weekly_data(schedule.weekly),
        "exceptions": [
            exception_data(exception)
            for exception in schedule.exceptions
            if exception.last_day >= day and exception.first_day <= horizon
        ],
    }


@lru_cache(maxsize=4096)
def weekly_data(weekly: tuple[hours.WeeklySlot, ...]) -> list[dict[str, str]]:
    """The weekly hours as JSON, made once per distinct week: shared, so never to be changed."""
    return [slot_data(slot) for slot in weekly]


def slot_data(slot: hours.WeeklySlot) -> dict[str, str]:
    return {"day": hours.WEEKDAYS[slot.weekday], "opens": f"{slot.opens:%H:%M}", "closes": f"{slot.closes:%H:%M}"}


def exception_data(exception: hours.DateException) -> dict[str, Any]:
    return {
        "first_day": exception.first_day.isoformat(),
        "last_day": exception.last_day.isoformat(),
        "closed": not exception.slots,
        "slots": [[f"{opens:%H:%M}", f"{closes:%H:%M}"] for opens, closes in exception.slots],
    }


class TranslatedMixin:
    """Text fields in the request's language (context["language"]), Dutch where a text is missing."""

    @property
    def language(self) -> str:
        return self.context["language"]  # type: ignore[attr-defined,no-any-return]


class TopicSerializer(TranslatedMixin, serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()

    class Meta:
        model = Topic
        fields = ["slug", "name", "description"]

    def get_name(self, topic: Topic) -> str:
        return read_marked(topic.name_text(), self.language)

    def get_description(self, topic: Topic) -> str:
        return read_marked(Text(topic.description_nl, topic.description_fr, topic.description), self.language)


class OrganisationSerializer(serializers.ModelSerializer):
    services = serializers.SerializerMethodField(help_text="Slugs of its published services.")

    class Meta:
        model = Organisation
        fields = ["name", "website", "description", "services"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_services(self, organisation: Organisation) -> list[str]:
        return [service.slug for service in organisation.published_services]  # type: ignore[attr-defined]


class ServiceListSerializer(serializers.ModelSerializer):
    """A service in the list, in the asked language (directory/reads.py makes it)."""

    organisation = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.URLField()
    topics = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    channels = ChannelSerializer(many=True)
    open_now = serializers.BooleanField(help_text="True when any channel is open at the moment asked.")
    age_is_reading = serializers.BooleanField(
        help_text=(
            "True when no source states minimum_age and maximum_age: they are a reading of the audience "
            "(see age_note), to show as usual ages, not official ones."
        )
    )
    takes_young_helpers = serializers.BooleanField(
        help_text="A young person may contact it about a friend or someone else, even when adults may not."
    )

    class Meta:
        model = Service
        fields = [
            "slug",
            "name",
            "organisation",
            "kind",
            "summary",
            "url",
            "minimum_age",
            "maximum_age",
            "age_is_reading",
            "topics",
            "languages",
            "free",
            "anonymous",
            "accepts_third_party",
            "takes_young_helpers",
            "region",
            "open_now",
            "channels",
            "last_verified",
        ]


class SourceSerializer(serializers.Serializer):
    url = serializers.CharField()
    citation = serializers.CharField()
    source_date = serializers.CharField()


class ServiceDetailSerializer(ServiceListSerializer):
    description = serializers.CharField()
    what_to_expect = serializers.CharField()
    sources = SourceSerializer(many=True)

    class Meta(ServiceListSerializer.Meta):
        fields = [
            *ServiceListSerializer.Meta.fields,
            "description",
            "what_to_expect",
            "age_note",
            "time_zone",
            "sources",
            "verification_note",
            "needs_verification",
        ]
