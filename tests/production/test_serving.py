"""Serving with DEBUG off: safe defaults, `check --deploy` silent with the documented production
environment, static files and the favicon served by the app server itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

# The production environment the README documents (behind one TLS-terminating proxy).
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "a-long-random-string-for-the-test-only-0123456789",
    "ALLOWED_HOSTS": "hulplijnen.example",
    "TRUSTED_PROXY_COUNT": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "CSRF_TRUSTED_ORIGINS": "https://hulplijnen.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_COOKIES": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/2",
}


def run_python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter whose environment holds only `environment` (and PATH)."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_silent_with_the_documented_production_environment() -> None:
    done = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        PRODUCTION_ENVIRONMENT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_debug_is_off_unless_asked_for() -> None:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    assert run_python(code, {}).stdout.strip() == "False"
    assert run_python(code, {"DEBUG": "1"}).stdout.strip() == "True"


def test_the_server_refuses_to_start_with_debug_off_and_no_secret_key() -> None:
    done = run_python("import config.wsgi", {})
    assert done.returncode != 0
    assert "Set SECRET_KEY" in done.stderr
    assert run_python("import config.wsgi", {"SECRET_KEY": PRODUCTION_ENVIRONMENT["SECRET_KEY"]}).returncode == 0


def test_make_run_turns_debug_on_and_make_serve_runs_granian_with_bounded_threads() -> None:
    def dry_run(target: str) -> str:
        return subprocess.run(
            ["make", "-n", target, "HOST=0.0.0.0", "PORT=9000"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert "DEBUG=1 .venv/bin/python manage.py runserver 0.0.0.0:9000" in dry_run("run")
    serve = dry_run("serve")
    for step in ("migrate --noinput", "seed_directory", "collectstatic --noinput"):
        assert step in serve
    assert "DEBUG=0 .venv/bin/granian --interface wsgi --host 0.0.0.0 --port 9000" in serve
    assert "--workers 2 --blocking-threads 4" in serve


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/admin/css/base.css", "text/css"),
        ("/static/admin/js/core.js", "text/javascript"),
        ("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js", "text/javascript"),
        ("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css", "text/css"),
        ("/favicon.ico", "image/x-icon"),
        ("/favicon.svg", "image/svg+xml"),
    ],
)
def test_static_files_are_served_with_debug_off(path: str, content_type: str) -> None:
    assert settings.DEBUG is False
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"".join(response.streaming_content)


@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_pages_link_the_favicon(directory_data: None, path: str) -> None:
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in Client().get(path).content.decode()
