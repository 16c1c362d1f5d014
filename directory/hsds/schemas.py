"""The copied HSDS 3.0 JSON schemas (see schema/README.md), ready to validate against.

The schemas' `$ref`s point at the specification's GitHub URLs; a `referencing` Registry serves
those URLs from the copies here, so validation never goes to the network.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SPECIFICATION = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = SPECIFICATION + "openapi.json"

# jsonschema checks uuid, email and date itself; uri and date-time need extra packages, so they are
# checked here with the standard library.
FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"mailto", "tel"}))


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return datetime.fromisoformat(value).tzinfo is not None


def load(name: str) -> Any:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    service = load("service.json")
    organization = load("organization.json")
    taxonomy_term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    documents = {
        "compiled/service.json": service,
        "compiled/service_list.json": load("service_list.json"),
        "compiled/organization.json": organization,
        "compiled/organization_list.json": organization,
        "taxonomy_term.json": taxonomy_term,
        "taxonomy.json": taxonomy_term["properties"]["taxonomy_detail"],
        "openapi.json": load("openapi.json"),
    }
    return Registry().with_resources(
        (SPECIFICATION + path, Resource.from_contents(contents, default_specification=DRAFT202012))
        for path, contents in documents.items()
    )


@cache
def validator(path: str) -> Draft202012Validator:
    """A validator for one schema by its path under the specification's schema folder, such as
    "compiled/service.json", or an OpenAPI response such as "openapi.json#/paths/~1services/get/..."."""
    return Draft202012Validator({"$ref": SPECIFICATION + path}, registry=registry(), format_checker=FORMATS)


def page_schema(endpoint: str) -> str:
    """The schema path of the HSDS API's paginated response at an endpoint such as "/services"."""
    pointer = endpoint.replace("/", "~1")
    return f"openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"


def errors(instance: Any, path: str) -> list[str]:
    """Every way `instance` breaks the schema at `path`, as readable lines; empty when it is valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator(path).iter_errors(instance)
    ]
