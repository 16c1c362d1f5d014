"""The link-in-bio kit for influencers (/kit/): a link to the finder with their audience's answers
filled in, its QR code (SVG and PNG, made here with segno), three ready replies for DMs and a text
for a pinned post or story highlight.

Nothing is stored and nothing tracks anyone: the kit is a GET form that renders what was asked, the
link says nothing about who made it (no id, no campaign code), the QR codes are made again for each
request, and no view here sets a cookie. The replies follow the safe-messaging checklist
(referral/messages.py `check_message`; tests/referral/test_kit.py runs it on every one of them).
"""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from directory.entries import LANGUAGES
from directory.models import Topic
from referral.pages import PAGE_CSP, page_language, with_headers
from referral.presets import MAXIMUM_TOPICS, finder_query
from referral.suggest import topic_slugs
from referral.triage import label_language


@dataclass(frozen=True)
class Audience:
    id: str
    label: Promise
    # The link fills in the youngest age, so the finder suggests nothing that does not fit them.
    youngest: int | None


AUDIENCES = (
    Audience("10-13", gettext_lazy("10 to 13 years old"), 10),
    Audience("14-17", gettext_lazy("14 to 17 years old"), 14),
    Audience("18-25", gettext_lazy("18 to 25 years old"), 18),
    Audience("all", gettext_lazy("All ages"), None),
)


@dataclass(frozen=True)
class Choices:
    language: str
    audience: Audience
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    id: str
    title: str
    text: str


def read_choices(query: Any, page: str, slugs: Collection[str]) -> tuple[Choices | None, dict[str, str]]:
    """The influencer's choices from the kit's query, or the errors to show next to the fields."""
    language = query.get("language") if query.get("language") in LANGUAGES else page
    audience = next((audience for audience in AUDIENCES if audience.id == query.get("audience")), None)
    topics = tuple(topic for topic in dict.fromkeys(query.getlist("topics")) if topic in slugs)
    errors = {}
    if audience is None:
        errors["audience"] = _("Choose the age of most of your followers.")
    if len(topics) > MAXIMUM_TOPICS:
        errors["topics"] = _("Choose up to two topics, or none.")
    if errors or audience is None:
        return None, errors
    return Choices(language, audience, topics), {}


def kit_query(choices: Choices) -> str:
    """The kit's own query for these choices (what the QR code links of the page carry)."""
    return urlencode(
        [("language", choices.language), ("audience", choices.audience.id)] + [("topics", t) for t in choices.topics]
    )


def finder_link(request: HttpRequest, choices: Choices) -> str:
    query = finder_query(choices.language, choices.audience.youngest, choices.topics)
    return request.build_absolute_uri(f"/?{query}")


def replies(link: str, language: str) -> list[Reply]:
    """The three DM replies in the followers' language, each with the link and short enough for a DM."""
    with translation.override(language):
        return [
            Reply(
                "self-harm",
                _("To someone who hurts themselves"),
                _(
                    "I read your message. It sounds like things are really hard right now, and I'm worried "
                    "about you.\n\n"
                    "Help you can reach now: %(link)s\n"
                    "Day and night: Tele-Onthaal 106 (in Dutch).\n\n"
                    "In danger? Call 112.\n\n"
                    "You don't have to carry this alone. Let me know how you're doing?"
                )
                % {"link": link},
            ),
            Reply(
                "suicidal-thoughts",
                _("To someone who thinks about suicide"),
                _(
                    "I read your message. It sounds like you're thinking about ending your life, and I'm "
                    "worried about you.\n\n"
                    "Talk about it with Zelfmoordlijn 1813, day and night (in Dutch), or find help here: "
                    "%(link)s\n\n"
                    "In danger? Call 112.\n\n"
                    "You don't have to carry this alone. Let me know how you're doing?"
                )
                % {"link": link},
            ),
            Reply(
                "image",
                _("To someone who sent a photo of a wound"),
                _(
                    "I saw what you sent. It sounds like things are hard, and I'm worried about you. You "
                    "don't need to show me anything: I believe you.\n\n"
                    "Need urgent care? Call 112.\n\n"
                    "Find help: %(link)s\n"
                    "Day and night: 106 (in Dutch).\n\n"
                    "You don't have to carry this alone. Let me know how you're doing?"
                )
                % {"link": link},
            ),
        ]


def pinned_post(link: str, language: str) -> str:
    """A text for a pinned post or a story highlight: where to find help, for every follower at once."""
    with translation.override(language):
        return _(
            "Not feeling okay? Find help you can reach now, for your age and your worry: %(link)s\n"
            "Day and night: Zelfmoordlijn 1813 and Tele-Onthaal 106, free and anonymous (in "
            "Dutch). In danger? Call 112.\n\n"
            "You don't have to carry this alone: it takes strength to talk about it."
        ) % {"link": link}


@require_GET
def kit(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    with translation.override(language):
        topics = list(Topic.objects.all())
        submitted = "audience" in request.GET or "language" in request.GET
        choices, errors = read_choices(request.GET, language, {topic.slug for topic in topics})
        context: dict[str, Any] = {
            "language": language,
            "languages": settings.LANGUAGES,
            "kit_languages": [(code, label_language(code, code)) for code in LANGUAGES],
            "audiences": AUDIENCES,
            "topics": [(topic.slug, getattr(topic, f"name_{language}") or topic.name_nl) for topic in topics],
            "chosen": {
                "language": choices.language if choices else language,
                "audience": request.GET.get("audience", ""),
                "topics": request.GET.getlist("topics"),
            },
            "errors": errors if submitted else {},
        }
        if choices:
            link = finder_link(request, choices)
            context.update(
                link=link,
                qr_query=kit_query(choices),
                replies=replies(link, choices.language),
                pinned_post=pinned_post(link, choices.language),
            )
        response = render(request, "referral/kit.html", context, status=400 if context["errors"] else 200)
    return with_headers(response, language, PAGE_CSP)


@require_GET
def kit_qr(request: HttpRequest, kind: str) -> HttpResponse:
    """The QR code of the kit's link, as SVG or PNG; the same query as the kit page."""
    language = page_language(request)
    choices, _errors = read_choices(request.GET, language, topic_slugs())
    if choices is None:
        return HttpResponse("Choose an audience on /kit/ first.", status=400, content_type="text/plain")
    link = finder_link(request, choices)
    code = segno.make(link, error="m", micro=False)
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=8, border=4, xmldecl=False, title=link)
        content_type = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=8, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response.headers["Content-Disposition"] = f'inline; filename="finder-qr.{kind}"'
    return response
