"""The directory as a read-only Open Referral HSDS 3.0 API (its API profile: paginated lists with
total_items ... contents, fully nested objects by id). Published services only; errors are JSON
like the rest of the API; every response names the data licence in a `Link` header.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.hsds import mapping
from directory.models import Organisation, Service, Topic
from directory.snapshot import snapshot

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

MAX_PAGE_NUMBER = 10**9
PAGE = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_NUMBER}, description="Page number, from 1."
)
PER_PAGE = OpenApiParameter(
    "per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, description="Items per page."
)
FULL = OpenApiParameter("full", OpenApiTypes.BOOL, description="true: fully nested objects in the list.")
# HSDS ids are strings in its API profile; an id that is no published object's is a 404.
ID = OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH, description="The object's HSDS id.")
HSDS = "HSDS 3.0"


def whole_number(request: Request, name: str, default: int, highest: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise exceptions.ValidationError({name: [f"A whole number from 1 to {highest}."]})
    return int(raw)


def is_true(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "false")
    if raw not in {"true", "false"}:
        raise exceptions.ValidationError({name: ["true or false."]})
    return raw == "true"


def page_of(
    request: Request, items: Sequence[Any] | QuerySet[Any], render: Callable[[list[Any]], list[dict[str, Any]]]
) -> dict[str, Any]:
    """One page in the HSDS API profile's shape; only the items on the page are rendered."""
    size = whole_number(request, "per_page", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = whole_number(request, "page", 1, MAX_PAGE_NUMBER)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    pages = math.ceil(total / size)
    if number > max(pages, 1):
        raise exceptions.NotFound(f"There are {pages} pages of {size}; page {number} does not exist.")
    contents = render(list(items[(number - 1) * size : number * size]))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": contents,
    }


class HSDSView(APIView):
    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = f'<{mapping.LICENCE["url"]}>; rel="license"'
        return response


def not_found(kind: str, id: str) -> exceptions.NotFound:
    return exceptions.NotFound(f"No published {kind} has the id {id}.")


class RootView(HSDSView):
    @extend_schema(
        operation_id="getAPIMetaInformation",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="About this HSDS API and its data licence",
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": mapping.HSDS_VERSION,
                "openapi_url": request.build_absolute_uri("/api/schema/"),
                "license": mapping.LICENCE,
                "endpoints": [
                    request.build_absolute_uri(f"/api/hsds/{name}")
                    for name in ("services", "organizations", "taxonomies", "taxonomy_terms")
                ],
            }
        )


def topic_slugs_for_term(term_id: str) -> set[str]:
    return {
        topic.slug for topic in Topic.objects.all() if term_id in {term["id"] for term in mapping.topic_terms(topic)}
    }


class ServiceListView(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfServices",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="Published services, one page",
        parameters=[
            PAGE,
            PER_PAGE,
            FULL,
            OpenApiParameter("search", OpenApiTypes.STR, description="Words in the name or summary."),
            OpenApiParameter("organization_id", OpenApiTypes.STR),
            OpenApiParameter("taxonomy_term_id", OpenApiTypes.STR, description="A topic term (any language)."),
            OpenApiParameter("taxonomy_id", OpenApiTypes.STR),
        ],
    )
    def get(self, request: Request) -> Response:
        services = mapping.published_services()
        params = request.query_params
        if search := params.get("search", "").strip():
            services = services.filter(Q(name__icontains=search) | Q(summary_nl__icontains=search))
        if organization := params.get("organization_id"):
            keys = [
                pk for pk, org in Organisation.objects.in_bulk().items() if mapping.organization_id(org) == organization
            ]
            services = services.filter(organisation__in=keys)
        if term := params.get("taxonomy_term_id"):
            services = services.filter(topics__slug__in=topic_slugs_for_term(term)).distinct()
        if taxonomy := params.get("taxonomy_id"):
            # Every service carries channel and fact attributes (its slug at least), not always topics.
            if taxonomy == mapping.taxonomy_id(mapping.TOPICS):
                services = services.filter(topics__isnull=False).distinct()
            elif taxonomy not in mapping.TAXONOMIES_BY_ID:
                services = services.none()
        full = is_true(request, "full")

        def render(page: list[Service]) -> list[dict[str, Any]]:
            nested = [mapping.service_object(service) for service in page]
            return nested if full else [mapping.service_list_item(service) for service in nested]

        return Response(page_of(request, services, render))


class ServiceDetailView(HSDSView):
    @extend_schema(
        operation_id="getFullyNestedServiceById",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="One fully nested service",
        parameters=[ID],
    )
    def get(self, request: Request, id: str) -> Response:
        slug = snapshot().derived(mapping.service_slugs_by_id).get(id)
        service = mapping.published_services().filter(slug=slug).first() if slug else None
        if service is None:
            raise not_found("service", id)
        return Response(mapping.service_object(service))


def published_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.filter(services__status=Service.Status.PUBLISHED).distinct().order_by("name", "pk")
    )


def services_by_organisation(organisations: list[Organisation], full: bool) -> dict[int, list[dict[str, Any]]]:
    """The published services of these organisations, in one set of queries."""
    grouped: dict[int, list[dict[str, Any]]] = {organisation.pk: [] for organisation in organisations}
    for service in mapping.published_services().filter(organisation__in=organisations):
        nested = mapping.service_object(service)
        grouped[service.organisation_id].append(nested if full else mapping.service_list_item(nested))
    return grouped


class OrganizationListView(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfOrganizations",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="Organisations with published services",
        parameters=[PAGE, PER_PAGE, FULL],
    )
    def get(self, request: Request) -> Response:
        full = is_true(request, "full")

        def render(page: list[Organisation]) -> list[dict[str, Any]]:
            if not full:
                return [mapping.organization_summary(organisation) for organisation in page]
            services = services_by_organisation(page, full=False)
            return [mapping.organization_object(organisation, services[organisation.pk]) for organisation in page]

        return Response(page_of(request, published_organisations(), render))


class OrganizationDetailView(HSDSView):
    @extend_schema(
        operation_id="getOrganizationById",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="One organisation with its published services",
        parameters=[ID, OpenApiParameter("full_service", OpenApiTypes.BOOL, description="true: full services.")],
    )
    def get(self, request: Request, id: str) -> Response:
        organisation = next((org for org in published_organisations() if mapping.organization_id(org) == id), None)
        if organisation is None:
            raise not_found("organization", id)
        services = services_by_organisation([organisation], full=is_true(request, "full_service"))
        return Response(mapping.organization_object(organisation, services[organisation.pk]))


class TaxonomyListView(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomies",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="The published taxonomies",
        parameters=[PAGE, PER_PAGE],
    )
    def get(self, request: Request) -> Response:
        return Response(page_of(request, mapping.taxonomies(), list))


class TaxonomyDetailView(HSDSView):
    @extend_schema(
        operation_id="getTaxonomyById",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="One taxonomy",
        parameters=[ID],
    )
    def get(self, request: Request, id: str) -> Response:
        taxonomy = next((item for item in mapping.taxonomies() if item["id"] == id), None)
        if taxonomy is None:
            raise not_found("taxonomy", id)
        return Response(taxonomy)


class TaxonomyTermListView(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="The terms of the published taxonomies",
        parameters=[PAGE, PER_PAGE, OpenApiParameter("taxonomy_id", OpenApiTypes.STR)],
    )
    def get(self, request: Request) -> Response:
        terms = mapping.taxonomy_terms(Topic.objects.all())
        if taxonomy := request.query_params.get("taxonomy_id"):
            terms = [term for term in terms if term["taxonomy_id"] == taxonomy]
        return Response(page_of(request, terms, list))


class TaxonomyTermDetailView(HSDSView):
    @extend_schema(
        operation_id="getTaxonomyTermById",
        tags=[HSDS],
        responses=OpenApiTypes.OBJECT,
        summary="One taxonomy term",
        parameters=[ID],
    )
    def get(self, request: Request, id: str) -> Response:
        term = next((term for term in mapping.taxonomy_terms(Topic.objects.all()) if term["id"] == id), None)
        if term is None:
            raise not_found("taxonomy term", id)
        return Response(term)
