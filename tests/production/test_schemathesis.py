"""Schemathesis generates requests from the OpenAPI schema and checks every answer against it:
no 500, only documented status codes, bodies and headers of the documented shape, invalid input
refused, valid input accepted. Bounded and derandomised, so CI is repeatable."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

# Reading the schema needs no database: drf-spectacular builds it from the code.
application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# Topic slugs are data, not schema: a schema-valid slug that no topic has is refused with a 400
# naming the field (a typo must not look like "no services"). Every other 400 to valid data fails.
FIELDS_CHECKED_AGAINST_DATA = {"topic", "topics"}


def accepts_valid_data_except_unknown_topics(ctx, response, case) -> None:  # type: ignore[no-untyped-def]
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code < 400:
        return
    if response.status_code in (404, 429):
        return
    fields = set(response.json().get("fields", {})) if response.status_code == 400 else set()
    refused = f"Valid data refused with {response.status_code}: {response.text[:300]}"
    assert fields, refused
    assert fields <= FIELDS_CHECKED_AGAINST_DATA, refused


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, as in production; here
    that connection holds the test's transaction, so keep it open (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case, directory_data: None, keep_test_connection: None) -> None:
    cache.clear()  # throttle counters: every generated request comes from one address
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance], additional_checks=[accepts_valid_data_except_unknown_topics]
    )
