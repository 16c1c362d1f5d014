"""The read API of the directory: published services only, texts in the asked language, channel
openness at `open_at` (or now)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.http import parse_etags
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from directory.filters import ServiceQuery, schema_parameters
from directory.models import Organisation, Service, Topic
from directory.moments import MOMENT_PATTERN, RequestLanguageMixin, requested_language, requested_moment
from directory.reads import listing
from directory.renderers import FastJSONRenderer
from directory.serializers import (
    OrganisationSerializer,
    ServiceDetailSerializer,
    ServiceListSerializer,
    TopicSerializer,
)
from directory.snapshot import snapshot

CACHE_CONTROL = "public, max-age=60"
LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=["nl", "fr", "en"],
    description="Language of the texts (default: Accept-Language, then nl).",
)
OPEN_AT = OpenApiParameter(
    "open_at",
    OpenApiTypes.STR,
    pattern=MOMENT_PATTERN,
    description="ISO 8601 moment, 1900-2200, for the channels' openness (default now); no offset: Brussels time.",
)


class LanguageContextMixin(RequestLanguageMixin):
    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["language"] = requested_language(self.request)  # type: ignore[attr-defined]
        context["at"] = requested_moment(self.request)  # type: ignore[attr-defined]
        return context


@extend_schema_view(
    list=extend_schema(parameters=[LANG, OPEN_AT, *schema_parameters()]),
    retrieve=extend_schema(parameters=[LANG, OPEN_AT]),
)
class ServiceViewSet(RequestLanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Answered from the in-memory snapshot (directory/reads.py): a warm request makes no query.

    Cacheable by anyone for a minute: the ETag names the directory's content, the language, the
    query and, when the openness is "now", the minute, so a 304 is never stale by more than that.
    """

    lookup_field = "slug"
    queryset = Service.objects.none()  # for the schema only: the data comes from the snapshot
    filter_backends: list[type] = []  # ServiceQuery filters the snapshot
    renderer_classes = [FastJSONRenderer]

    def get_serializer_class(self) -> type[ServiceListSerializer]:
        return ServiceDetailSerializer if self.action == "retrieve" else ServiceListSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.answer(request, detail=False)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.answer(request, detail=True)

    def answer(self, request: Request, *, detail: bool) -> Response:
        # Read the moment and language before anything else, so a bad value is one clear 400.
        language = requested_language(request)
        asked_moment = "open_at" in request.query_params
        at = requested_moment(request)
        query = None if detail else ServiceQuery.read(request.query_params)
        current = snapshot().derived(listing)
        etag = entity_tag(current.digest, language, request.get_full_path(), None if asked_moment else at)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Language"}
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        states = current.at(at)
        if query is None:
            service = current.by_slug.get(self.kwargs["slug"])
            if service is None:
                raise NotFound(gettext("No published service with this slug."))
            return Response(current.data(service, language, states, detail=True), headers=headers)
        page = self.paginate_queryset(query.matching(current, states, language))  # type: ignore[arg-type]
        assert page is not None
        response = self.get_paginated_response([current.data(each, language, states, detail=False) for each in page])
        for header, value in headers.items():
            response[header] = value
        return response


def entity_tag(digest: str, language: str, path: str, now: datetime | None) -> str:
    """A strong ETag for a read: the directory's content, the language, the full path with its
    query, and the minute when the openness is "now"."""
    minute = "" if now is None else now.astimezone(UTC).strftime("%Y%m%d%H%M")
    token = hashlib.blake2b(f"{digest}|{language}|{path}|{minute}".encode(), digest_size=12).hexdigest()
    return f'"{token}"'


@extend_schema_view(list=extend_schema(parameters=[LANG]), retrieve=extend_schema(parameters=[LANG]))
class TopicViewSet(LanguageContextMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    lookup_field = "slug"
    pagination_class = None


class OrganisationViewSet(RequestLanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Organisation]:
        published = Service.objects.filter(status=Service.Status.PUBLISHED).order_by("slug")
        return (
            Organisation.objects.filter(services__status=Service.Status.PUBLISHED)
            .distinct()
            .prefetch_related(Prefetch("services", queryset=published, to_attr="published_services"))
        )
