"""The read API of the directory: published services only, texts in the asked language, channel
openness at `open_at` (or now)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from directory.filters import ServiceFilter
from directory.models import Organisation, Service, Topic
from directory.moments import requested_language, requested_moment
from directory.serializers import (
    OrganisationSerializer,
    ServiceDetailSerializer,
    ServiceListSerializer,
    TopicSerializer,
)

LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=["nl", "fr", "en"],
    description="Language of the texts (default: Accept-Language, then nl).",
)
OPEN_AT = OpenApiParameter(
    "open_at",
    OpenApiTypes.DATETIME,
    description="ISO 8601 moment for the channels' openness (default now); without an offset it is Brussels time.",
)


class LanguageContextMixin:
    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["language"] = requested_language(self.request)  # type: ignore[attr-defined]
        context["at"] = requested_moment(self.request)  # type: ignore[attr-defined]
        return context


@extend_schema_view(list=extend_schema(parameters=[LANG, OPEN_AT]), retrieve=extend_schema(parameters=[LANG, OPEN_AT]))
class ServiceViewSet(LanguageContextMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = ServiceFilter

    def get_queryset(self) -> QuerySet[Service]:
        return Service.objects.published().prefetch_related("sources").order_by("name", "slug").distinct()

    def get_serializer_class(self) -> type[ServiceListSerializer]:
        return ServiceDetailSerializer if self.action == "retrieve" else ServiceListSerializer

    def list(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Read the moment and language before filtering, so a bad value is one clear 400.
        self.get_serializer_context()
        return super().list(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(parameters=[LANG]), retrieve=extend_schema(parameters=[LANG]))
class TopicViewSet(LanguageContextMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    lookup_field = "slug"
    pagination_class = None


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Organisation]:
        published = Service.objects.filter(status=Service.Status.PUBLISHED).order_by("slug")
        return (
            Organisation.objects.filter(services__status=Service.Status.PUBLISHED)
            .distinct()
            .prefetch_related(Prefetch("services", queryset=published, to_attr="published_services"))
        )
