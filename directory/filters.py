"""Filters of the service list. A bad value is a 400 naming the parameter, never an empty list."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from directory import hours
from directory.models import AGE_LIMIT, LANGUAGE_CODES, Channel, Service, Topic
from directory.moments import requested_moment

TRUE_FALSE = [("true", "true"), ("false", "false")]


@extend_schema_field(OpenApiTypes.STR)
class TopicSlugFilter(filters.ModelMultipleChoiceFilter):
    """Topic slugs, repeatable; documented as strings in the schema."""


class ServiceFilter(filters.FilterSet):
    age = filters.NumberFilter(
        method="filter_age",
        min_value=0,
        max_value=AGE_LIMIT,
        help_text="Services that accept a person of this age (0-120).",
    )
    topic = TopicSlugFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        help_text="Topic slug; repeat for several (any of them).",
    )
    channel = filters.ChoiceFilter(field_name="channels__kind", choices=Channel.Kind.choices, help_text="Channel kind.")
    language = filters.ChoiceFilter(
        method="filter_language",
        choices=[(code, code) for code in sorted(LANGUAGE_CODES)],
        help_text="Language spoken.",
    )
    region = filters.ChoiceFilter(choices=Service.Region.choices)
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

    def filter_age(self, queryset: QuerySet[Service], name: str, value: int) -> QuerySet[Service]:
        if value != int(value):
            raise forms.ValidationError("The age is a whole number.")
        return queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=value)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=value)
        )

    def filter_language(self, queryset: QuerySet[Service], name: str, value: str) -> QuerySet[Service]:
        # A JSON list stored as text in SQLite and as jsonb in PostgreSQL: both match the quoted code.
        return queryset.filter(languages__icontains=f'"{value}"')

    def filter_boolean(self, queryset: QuerySet[Service], name: str, value: str) -> QuerySet[Service]:
        return queryset.filter(**{name: value == "true"})

    def filter_text(self, queryset: QuerySet[Service], name: str, value: str) -> QuerySet[Service]:
        text = Q()
        for field in ("name", "summary_nl", "summary_fr", "summary_en"):
            text |= Q(**{f"{field}__icontains": value})
        return queryset.filter(text)

    def filter_open_now(self, queryset: QuerySet[Service], name: str, value: str) -> QuerySet[Service]:
        # Openness is computed by the hours engine, not in SQL: the directory is small.
        at = requested_moment(self.request)
        kind = self.form.cleaned_data.get("channel")
        channels = Channel.objects.filter(service__in=queryset).prefetch_related("opening_hours", "exceptions")
        if kind:
            channels = channels.filter(kind=kind)
        open_ids = {
            channel.service_id
            for channel in channels.select_related("service")
            if (schedule := channel.schedule(channel.service.time_zone)) is not None and hours.is_open(schedule, at)
        }
        return queryset.filter(pk__in=open_ids) if value == "true" else queryset.exclude(pk__in=open_ids)
