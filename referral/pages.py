"""The public pages and the widget files.

- `/`: the referral page for friends, parents and influencers. It works without JavaScript: the
  plain HTML form posts here, is validated by the same serializer as the API and rendered from the
  same answer (`referral.answer.build_answer`); with JavaScript the <referral-widget> element
  replaces the form.
- `/embed/`: the page the loader's iframe (and a plain iframe) shows; frameable by any site.
- `/embed/how/`: copy-paste snippets for website owners.
- `/widget/v1/<file>`: the widget's JavaScript and CSS, served by Django (not only by runserver's
  static handler) so the stable, versioned URLs work with DEBUG off.

No view here sets a cookie or keeps an answer: the answers live only in the request that renders
the suggestions, and that response is `Cache-Control: no-store`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.exceptions import ValidationError

from directory.entries import DEFAULT_LANGUAGE, LANGUAGES, Catalog
from directory.snapshot import snapshot
from referral.presets import preset_answers
from referral.serializers import read_answers
from referral.suggest import questionnaire_for, topic_slugs, triage_answer
from referral.triage import FOR_WHOM, Question

WIDGET_DIR = Path(__file__).resolve().parent / "static" / "widget" / "v1"
WIDGET_FILE = re.compile(r"^[a-z0-9][a-z0-9-]*\.(js|css)$")
CONTENT_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
TOPIC_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")

# Our own pages load nothing from elsewhere and run no inline script or style.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; object-src 'none'"
)
PAGE_CSP = f"{STRICT_CSP}; frame-ancestors 'none'"
EMBED_CSP = f"{STRICT_CSP}; frame-ancestors *"


def page_language(request: HttpRequest) -> str:
    """`?lang=` first, then Accept-Language (LocaleMiddleware), then Dutch."""
    requested = request.GET.get("lang", "")
    if requested in LANGUAGES:
        return requested
    code = (getattr(request, "LANGUAGE_CODE", "") or DEFAULT_LANGUAGE)[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def field_error(name: str) -> str:
    """One plain sentence per field: the serializer's messages are written for developers."""
    messages = {
        "for_whom": _("Choose who you are looking for help for."),
        "age": _("Fill in an age between 0 and 120, or leave it empty."),
        "topics": _("Choose at least one topic."),
        "danger_now": _("Choose yes or no."),
        "channels": _("Choose from the list."),
        "language": _("Choose a language."),
        "region": _("Choose from the list."),
    }
    return messages.get(name, _("Please check your answers."))


def read_form(post: Any, language: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The posted form as a triage request body, and the errors the serializer cannot word kindly."""
    data: dict[str, Any] = {
        "topics": post.getlist("topics"),
        "channels": post.getlist("channels"),
        "language": post.get("language") or language,
        "region": post.get("region", ""),
    }
    errors: dict[str, str] = {}
    if post.get("for_whom"):
        data["for_whom"] = post["for_whom"]
    else:
        errors["for_whom"] = field_error("for_whom")
    age = post.get("age", "").strip()
    if age:
        if age.isascii() and age.isdigit() and len(age) <= 3:
            data["age"] = int(age)
        else:
            errors["age"] = field_error("age")
    danger = post.get("danger_now")
    if danger in ("true", "false"):
        data["danger_now"] = danger == "true"
    return data, errors


def form_fields(
    questions: tuple[Question, ...], answers: dict[str, Any], errors: dict[str, str]
) -> list[dict[str, Any]]:
    """The questionnaire with what was answered (or preset) and the error per field, for the template."""
    fields = []
    for question in questions:
        given = answers.get(question.id)
        chosen = set(given) if isinstance(given, list) else {str(given)} if given not in (None, "") else set()
        fields.append(
            {
                "id": question.id,
                "text": question.text,
                "type": question.type,
                "required": question.required,
                "help": question.help,
                "input_type": "checkbox" if question.type == "multiple" else "radio",
                "value": given if question.type == "integer" and given is not None else "",
                "choices": [
                    {"id": choice.id, "label": choice.label, "checked": choice.id in chosen}
                    for choice in question.choices
                ],
                "error": errors.get(question.id, ""),
            }
        )
    return fields


def with_headers(response: HttpResponse, language: str, csp: str) -> HttpResponse:
    response.headers["Content-Security-Policy"] = csp
    response.headers["Content-Language"] = language
    return response


# CSRF-exempt on purpose: the form changes nothing on the server (it only reads the directory), so a
# forged post can do no harm, and a CSRF token would need a cookie, which this page never sets.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    # A kit link (/kit/) may preset the form; the person still checks and submits it.
    presets = preset_answers(request.GET, language, topic_slugs())
    if request.method == "POST":
        response = render_home(request, language, presets)
        # The answers are in this response: nobody may keep it.
        response.headers["Cache-Control"] = "no-store"
    elif presets == preset_answers(QueryDict(), language, ()):
        # The blank form is the same for everyone: rendered once per directory snapshot and language.
        pages = snapshot().derived(blank_pages)
        if language not in pages:
            pages[language] = render_home(request, language, presets).content
        response = HttpResponse(pages[language])
        patch_vary_headers(response, ["Accept-Language"])
    else:
        response = render_home(request, language, presets)
        patch_vary_headers(response, ["Accept-Language"])
    return with_headers(response, language, PAGE_CSP)


def blank_pages(catalog: Catalog) -> dict[str, bytes]:
    """The page with the blank form, by language; filled on first use, kept with the snapshot."""
    return {}


def render_home(request: HttpRequest, language: str, answers: dict[str, Any]) -> HttpResponse:
    with translation.override(language):
        context: dict[str, Any] = {
            "language": language,
            "languages": settings.LANGUAGES,
            "for_whom_default": "someone_else",
            "answers": answers,
            "errors": {},
        }
        status = 200
        if request.method == "POST":
            status = answer_form(request, language, context)
        context["fields"] = form_fields(questionnaire_for(language), context["answers"], context["errors"])
        return render(request, "referral/home.html", context, status=status)


def answer_form(request: HttpRequest, language: str, context: dict[str, Any]) -> int:
    """Validate the posted form like the API does; fill `context` with results or errors."""
    data, errors = read_form(request.POST, language)
    try:
        answers = read_answers(data, topic_slugs())
    except ValidationError as error:
        answers = None
        for name in error.detail:  # type: ignore[union-attr]
            errors.setdefault(name, field_error(name))
    context["answers"] = {
        "for_whom": request.POST.get("for_whom", ""),
        "age": request.POST.get("age", ""),
        "topics": request.POST.getlist("topics"),
        "danger_now": request.POST.get("danger_now", ""),
        "channels": request.POST.getlist("channels"),
        "region": request.POST.get("region", ""),
        "language": request.POST.get("language") or language,
    }
    if errors or answers is None:
        context["errors"] = errors
        return 400
    at = answers.at or timezone.now()
    context["result"] = triage_answer(answers, at)
    return 200


def embed_settings(request: HttpRequest) -> dict[str, str]:
    """The site's settings from the iframe URL; anything unexpected is dropped, never echoed."""
    topic = request.GET.get("topic", "")
    for_whom = request.GET.get("for-whom", "")
    return {
        "topic": topic if TOPIC_SLUG.match(topic) else "",
        "for_whom": for_whom if for_whom in FOR_WHOM else "",
    }


@xframe_options_exempt
@require_GET
def embed(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    with translation.override(language):
        response = render(
            request,
            "referral/embed.html",
            {"language": language, **embed_settings(request)},
        )
    response.headers["Cache-Control"] = "public, max-age=300"
    patch_vary_headers(response, ["Accept-Language"])
    return with_headers(response, language, EMBED_CSP)


@require_GET
def embed_how(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    base = request.build_absolute_uri("/").rstrip("/")
    with translation.override(language):
        response = render(
            request,
            "referral/embed_how.html",
            {"language": language, "languages": settings.LANGUAGES, "base": base},
        )
    patch_vary_headers(response, ["Accept-Language"])
    return with_headers(response, language, PAGE_CSP)


@require_GET
def widget_file(request: HttpRequest, name: str) -> HttpResponse:
    """One file of the widget, with the headers any site needs to load it."""
    if not WIDGET_FILE.match(name):
        raise Http404("No such widget file.")
    path = WIDGET_DIR / name
    if not path.is_file():
        raise Http404("No such widget file.")
    body = path.read_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {
        "Cache-Control": "public, max-age=3600",
        "ETag": etag,
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]])
    for header, value in headers.items():
        response.headers[header] = value
    return response
