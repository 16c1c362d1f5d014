"""The project's URLs, plus /bench/floor/: the trivial JSON view every endpoint is compared with
(when the project serves /healthz, the benchmark uses that instead)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


def floor(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [path("bench/floor/", floor), *project_urlpatterns]
