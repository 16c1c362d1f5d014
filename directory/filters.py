"""Filters of the service list. A bad value is a 400 naming the parameter, never an empty list.

Each parameter is declared once, in PARAMETERS: `ServiceQuery.read` validates a request's query
with it, `schema_parameters` documents it in the OpenAPI schema. The filters run on the in-memory
snapshot's services (directory/reads.py), so a warm request makes no query. Validating with a
plain table instead of a FilterSet and its form is what makes a list request cheap: building those
per request cost several times the rest of the request.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from directory.entries import MAXIMUM_AGE, MINIMUM_AGE, ServiceEntry
from directory.models import LANGUAGE_CODES, Channel, Service
from directory.reads import Listing, MinuteStates
from directory.snapshot import snapshot

TRUE_FALSE = ("true", "false")
MAXIMUM_TEXT = 100


def topic_slugs() -> Collection[str]:
    return snapshot().catalog.topic_slugs


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    help: str
    choices: Collection[str] | Callable[[], Collection[str]] = ()  # empty: any value
    many: bool = False  # repeatable: any of the values
    kind: OpenApiTypes | dict[str, Any] = OpenApiTypes.STR  # a type, or a JSON schema

    def allowed(self) -> Collection[str]:
        return self.choices() if callable(self.choices) else self.choices


PARAMETERS = (
    Parameter(
        "age",
        f"Services that accept a person of this age ({MINIMUM_AGE}-{MAXIMUM_AGE}).",
        kind={"type": "integer", "minimum": MINIMUM_AGE, "maximum": MAXIMUM_AGE},
    ),
    Parameter("topic", "Topic slug; repeat for several (any of them).", topic_slugs, many=True),
    Parameter("channel", "Channel kind.", tuple(Channel.Kind.values)),
    Parameter("language", "Language spoken.", tuple(sorted(LANGUAGE_CODES))),
    Parameter("region", "Region served.", tuple(Service.Region.values)),
    Parameter("free", "true: free services; false: services known not to be free.", TRUE_FALSE),
    Parameter("anonymous", "true: anonymous services; false: services known not to be.", TRUE_FALSE),
    Parameter("q", f"Text in the name or summary, in any language (at most {MAXIMUM_TEXT} characters)."),
    Parameter(
        "open_now",
        "true: services with a channel (of `channel`'s kind, if given) open at `open_at` or now.",
        TRUE_FALSE,
    ),
)


def schema_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            parameter.name,
            parameter.kind,
            description=parameter.help,
            # An empty value asks nothing (as an HTML form's "any" choice sends it).
            enum=None if callable(parameter.choices) or not parameter.choices else ["", *parameter.choices],
            many=parameter.many or None,
            explode=True if parameter.many else None,
        )
        for parameter in PARAMETERS
    ]


@dataclass(frozen=True, slots=True)
class ServiceQuery:
    """The validated filters of one list request; empty values mean "not asked"."""

    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, query: Any) -> ServiceQuery:
        """Validate a QueryDict; a ValidationError names every bad parameter."""
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for parameter in PARAMETERS:
            given = [value for value in query.getlist(parameter.name) if value != ""]
            if not given:
                continue
            if not parameter.many:
                given = given[-1:]
            try:
                checked = [check(parameter, value) for value in given]
            except ValueError as error:
                errors[parameter.name] = [str(error)]
                continue
            values[parameter.name] = checked if parameter.many else checked[0]
        if errors:
            raise ValidationError(errors)
        return cls(values)

    def matching(self, listing: Listing, states: MinuteStates, language: str) -> list[ServiceEntry]:
        """The listing's services that pass every given filter, in list order."""
        values = self.values
        mask = listing.everyone
        if (age := values.get("age")) is not None:
            mask &= listing.by_age[age - MINIMUM_AGE]
        if topics := values.get("topic"):
            mask &= reduce(or_, (listing.by_facet.get(("topic", slug), 0) for slug in topics))
        for name in ("channel", "language", "region"):
            if name in values:
                mask &= listing.by_facet.get((name, values[name]), 0)
        for flag in ("free", "anonymous"):
            if flag in values:
                mask &= listing.by_facet.get((flag, values[flag] == "true"), 0)
        found = listing.members(mask)
        if text := values.get("q"):
            text = text.casefold()
            found = [service for service in found if any(text in hay for hay in listing.haystacks[service.slug])]
        if "open_now" in values:
            # Openness comes from the hours engine, once per minute for every request (directory/reads.py).
            kind = values.get("channel")
            wanted = values["open_now"] == "true"
            found = [
                service
                for service in found
                # The states of the asked language, which the answer reads next (openness is the same in all).
                if any(
                    data["open_now"]
                    for data in states.of(service, language).channels
                    if not kind or data["kind"] == kind
                )
                is wanted
            ]
        return found


def check(parameter: Parameter, value: str) -> Any:
    if parameter.name == "age":
        try:
            age = int(value)
        except ValueError:
            raise ValueError(gettext("“%(value)s” is not a whole number of years.") % {"value": value}) from None
        if not MINIMUM_AGE <= age <= MAXIMUM_AGE:
            raise ValueError(
                gettext("The age is between %(minimum)s and %(maximum)s.")
                % {"minimum": MINIMUM_AGE, "maximum": MAXIMUM_AGE}
            )
        return age
    if parameter.name == "q" and len(value) > MAXIMUM_TEXT:
        raise ValueError(gettext("At most %(maximum)s characters.") % {"maximum": MAXIMUM_TEXT})
    allowed = parameter.allowed()
    if allowed and value not in allowed:
        raise ValueError(
            gettext("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": ", ".join(sorted(allowed))}
        )
    return value
