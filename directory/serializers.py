"""The directory as JSON. Channels are serialised from the same frozen values triage uses, so a
channel looks the same, with the same openness, in the directory and in a triage answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory import hours
from directory.entries import ChannelEntry
from directory.models import Organisation, Service, Topic

UPCOMING_EXCEPTION_DAYS = 60


class WeeklySlotSerializer(serializers.Serializer):
    day = serializers.ChoiceField(choices=hours.WEEKDAYS)
    opens = serializers.CharField(help_text="Local time HH:MM.")
    closes = serializers.CharField(
        help_text="Local time HH:MM; 00:00 is midnight; before `opens` it runs past midnight."
    )

    def to_representation(self, slot: hours.WeeklySlot) -> dict[str, str]:
        return slot_data(slot)


class HoursExceptionSerializer(serializers.Serializer):
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    closed = serializers.BooleanField()
    slots = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()), help_text="[opens, closes] pairs."
    )

    def to_representation(self, exception: hours.DateException) -> dict[str, Any]:
        return exception_data(exception)


class ChannelSerializer(serializers.Serializer):
    """A ChannelEntry with its openness at the moment in the context (`at`)."""

    kind = serializers.CharField()
    value = serializers.CharField()
    label = serializers.CharField()
    href = serializers.CharField(help_text="A ready link: tel:1813, https://..., mailto:...; empty for walk-in.")
    open_now = serializers.BooleanField(allow_null=True, help_text="Null when the channel has no known hours.")
    closes_at = serializers.DateTimeField(
        allow_null=True, help_text="When open: end of the current opening; null if open day and night."
    )
    next_open_at = serializers.DateTimeField(
        allow_null=True, help_text="When closed: the next opening; null if none is known."
    )
    hours = WeeklySlotSerializer(many=True)
    exceptions = HoursExceptionSerializer(
        many=True, help_text=f"Date exceptions in the coming {UPCOMING_EXCEPTION_DAYS} days."
    )

    def to_representation(self, channel: ChannelEntry) -> dict[str, Any]:
        return channel_data(channel, self.context["at"])


def channel_data(channel: ChannelEntry, at: datetime, state: hours.Openness | None = None) -> dict[str, Any]:
    """A channel as JSON with its openness at `at` (`state`, when the caller already computed it):
    the one shape of a channel in the directory and in a triage answer."""
    data: dict[str, Any] = {
        "kind": channel.kind,
        "value": channel.value,
        "label": channel.label,
        "href": channel.href,
    }
    schedule = channel.schedule
    if schedule is None:
        return data | {"open_now": None, "closes_at": None, "next_open_at": None, "hours": [], "exceptions": []}
    if state is None:
        state = hours.openness(schedule, at)
    day = at.date()
    horizon = day + timedelta(days=UPCOMING_EXCEPTION_DAYS)
    return data | {
        "open_now": state.open_now,
        "closes_at": state.closes_at.isoformat() if state.closes_at else None,
        "next_open_at": state.next_open_at.isoformat() if state.next_open_at else None,
        "hours": [slot_data(slot) for slot in schedule.weekly],
        "exceptions": [
            exception_data(exception)
            for exception in schedule.exceptions
            if exception.last_day >= day and exception.first_day <= horizon
        ],
    }


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

    class Meta:
        model = Topic
        fields = ["slug", "name", "description"]

    def get_name(self, topic: Topic) -> str:
        return getattr(topic, f"name_{self.language}") or topic.name_nl


class OrganisationSerializer(serializers.ModelSerializer):
    services = serializers.SerializerMethodField(help_text="Slugs of its published services.")

    class Meta:
        model = Organisation
        fields = ["name", "website", "description", "services"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_services(self, organisation: Organisation) -> list[str]:
        return [service.slug for service in organisation.published_services]  # type: ignore[attr-defined]


class ServiceListSerializer(TranslatedMixin, serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    summary = serializers.SerializerMethodField()
    url = serializers.URLField(source="website")
    topics = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    open_now = serializers.SerializerMethodField(help_text="True when any channel is open at the moment asked.")

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
            "topics",
            "languages",
            "free",
            "anonymous",
            "accepts_third_party",
            "region",
            "open_now",
            "channels",
            "last_verified",
        ]

    def get_summary(self, service: Service) -> str:
        return service.summary(self.language)

    def get_topics(self, service: Service) -> list[str]:
        return [link.topic.slug for link in service.topic_links.all()]

    @extend_schema_field(ChannelSerializer(many=True))
    def get_channels(self, service: Service) -> list[dict[str, Any]]:
        return self._channels(service)

    @extend_schema_field(serializers.BooleanField())
    def get_open_now(self, service: Service) -> bool:
        return any(channel["open_now"] for channel in self._channels(service))

    def _channels(self, service: Service) -> list[dict[str, Any]]:
        # Both fields need the channels with their openness; compute them once per service.
        cache: dict[int, list[dict[str, Any]]] = self.context.setdefault("channels_by_service", {})
        if service.pk not in cache:
            entries = [channel.to_entry(service.time_zone) for channel in service.channels.all()]
            cache[service.pk] = list(ChannelSerializer(entries, many=True, context=self.context).data)
        return cache[service.pk]


class SourceSerializer(serializers.Serializer):
    url = serializers.CharField()
    citation = serializers.CharField()
    source_date = serializers.CharField()


class ServiceDetailSerializer(ServiceListSerializer):
    description = serializers.SerializerMethodField()
    what_to_expect = serializers.SerializerMethodField()
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

    def get_description(self, service: Service) -> str:
        return service.description(self.language)

    def get_what_to_expect(self, service: Service) -> str:
        return service.what_to_expect(self.language)
