"""Health for load balancers and orchestrators, in JSON, never cached.

- /healthz: the process answers. Touches nothing else, so a database outage never makes a load
  balancer kill app servers that are still answering triage from memory.
- /readyz: the database and the cache answer and the directory snapshot is built; 503 otherwise,
  with what failed.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from directory.snapshot import snapshot


def no_store(response: JsonResponse) -> JsonResponse:
    response.headers["Cache-Control"] = "no-store"
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return no_store(JsonResponse({"status": "ok"}))


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers() -> bool:
    # The shared cache falls back to memory when Redis is down; readiness asks Redis itself.
    is_reachable = getattr(cache, "is_reachable", None)
    return bool(is_reachable()) if is_reachable is not None else True


def published_services() -> int | None:
    try:
        return len(snapshot().catalog.services)
    except DatabaseError:
        return None


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    services = published_services()
    checks = {"database": database_answers(), "cache": cache_answers(), "snapshot": services is not None}
    ready = all(checks.values())
    body = {"status": "ready" if ready else "not_ready", "checks": checks, "published_services": services}
    return no_store(JsonResponse(body, status=200 if ready else 503))
