"""The OpenAPI schema validates without warnings, and its docs are served without any CDN."""

import pytest
from django.core.management import call_command
from django.test import Client


def test_openapi_schema_validates_without_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/services/",
        "/api/v1/services/{slug}/",
        "/api/v1/topics/",
        "/api/v1/organisations/",
        "/api/v1/triage/",
        "/api/v1/triage/questions/",
    ):
        assert f"{path}:" in schema


@pytest.mark.django_db
def test_swagger_ui_is_served_offline() -> None:
    page = Client().get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page
    assert "unpkg" not in page
    assert Client().get("/api/schema/").status_code == 200


def test_pure_modules_never_import_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, directory.hours, directory.entries, referral.triage, referral.candidates, referral.ranking, "
        "referral.messages; "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith(('django.', 'rest_framework'))); "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
