"""Filters of the service list. A bad value is a 400 naming the parameter, never an empty list.

The FilterSet validates the query and documents it in the schema; its methods filter the in-memory
snapshot's services (directory/reads.py), not a queryset, so a warm request makes no query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from directory.entries import ServiceEntry
from directory.models import AGE_LIMIT, LANGUAGE_CODES, Channel, Service
from directory.moments import requested_language
from directory.reads import Listing, MinuteStates
from directory.snapshot import snapshot

TRUE_FALSE = [("true", "true"), ("false", "false")]
Services = list[ServiceEntry]


def topic_choices() -> list[tuple[str, str]]:
    return [(slug, slug) for slug in sorted(snapshot().catalog.topic_slugs)]


@extend_schema_field(OpenApiTypes.STR)
class TopicSlugFilter(filters.MultipleChoiceFilter):
    """Topic slugs, repeatable; documented as strings in the schema."""


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": AGE_LIMIT})
class AgeFilter(filters.NumberFilter):
    """An age in whole years: "13.5" is a 400 from the form field, before any filtering."""

    field_class = forms.IntegerField


class ServiceFilter(filters.FilterSet):
    age = AgeFilter(
        method="filter_age",
        min_value=0,
        max_value=AGE_LIMIT,
        help_text="Services that accept a person of this age (0-120).",
    )
    topic = TopicSlugFilter(
        method="filter_topic", choices=topic_choices, help_text="Topic slug; repeat for several (any of them)."
    )
    channel = filters.ChoiceFilter(method="filter_channel", choices=Channel.Kind.choices, help_text="Channel kind.")
    language = filters.ChoiceFilter(
        method="filter_language",
        choices=[(code, code) for code in sorted(LANGUAGE_CODES)],
        help_text="Language spoken.",
    )
    region = filters.ChoiceFilter(method="filter_region", choices=Service.Region.choices)
    free = filters.ChoiceFilter(method="filter_boolean", choices=TRUE_FALSE)
    anonymous = filters.ChoiceFilter(method="filter_boolean", choices=TRUE_FALSE)
    q = filters.CharFilter(
        method="filter_text", max_length=100, help_text="Text in the name or summary, in any language."
    )
    open_now = filters.ChoiceFilter(
        method="filter_open_now",
        choices=TRUE_FALSE,
        help_text="true: services with a channel (of `channel`'s kind, if given) open at `open_at` or now.",
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def __init__(self, *args: Any, listing: Listing | None = None, states: MinuteStates | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.listing = listing
        self.states = states

    def matching(self, services: Sequence[ServiceEntry]) -> Services:
        """The services that pass every given filter; call `is_valid()` first."""
        found = list(services)
        for name, value in self.form.cleaned_data.items():
            found = self.filters[name].filter(found, value)
        return found

    def filter_age(self, services: Services, name: str, value: int) -> Services:
        return [service for service in services if service.accepts_age(value)]

    def filter_topic(self, services: Services, name: str, value: list[str]) -> Services:
        asked = set(value)
        return [service for service in services if any(link.slug in asked for link in service.topics)]

    def filter_channel(self, services: Services, name: str, value: str) -> Services:
        return [service for service in services if any(channel.kind == value for channel in service.channels)]

    def filter_language(self, services: Services, name: str, value: str) -> Services:
        return [service for service in services if value in service.languages]

    def filter_region(self, services: Services, name: str, value: str) -> Services:
        return [service for service in services if service.region == value]

    def filter_boolean(self, services: Services, name: str, value: str) -> Services:
        wanted = value == "true"
        return [service for service in services if getattr(service, name) is wanted]

    def filter_text(self, services: Services, name: str, value: str) -> Services:
        assert self.listing is not None
        text = value.casefold()
        haystacks = self.listing.haystacks
        return [service for service in services if any(text in hay for hay in haystacks[service.slug])]

    def filter_open_now(self, services: Services, name: str, value: str) -> Services:
        # Openness comes from the hours engine, once per minute for every request (directory/reads.py).
        assert self.states is not None
        kind = self.form.cleaned_data.get("channel")
        wanted = value == "true"

        def is_open(service: ServiceEntry) -> bool:
            # The states of the asked language, which the answer reads next (openness is the same in all).
            channels = self.states.of(service, requested_language(self.request)).channels  # type: ignore[union-attr,arg-type]
            return any(data["open_now"] for data in channels if not kind or data["kind"] == kind)

        return [service for service in services if is_open(service) is wanted]
