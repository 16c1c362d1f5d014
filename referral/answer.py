"""The triage answer, built once: the API returns it, the page's templates and the widget render it.

`build_answer` turns a ranking into the JSON-ready structure that TriageResponseSerializer
documents, in the answers' language: each channel with its openness in words (`when`) and the text
of its link (`action`: "Bel 106", "Open de chat"), links limited to safe schemes, and each
suggestion with the referral message that names it first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext

from directory.entries import ServiceEntry, Text, read_marked
from directory.reads import SharedParts
from directory.serializers import channel_data
from referral import messages
from referral.ranking import ChannelChoice, Ranking, Reason, Suggestion
from referral.triage import Answers, label_region

# Bumped whenever ranking or message rules change, so an answer can be traced to the rules behind it.
RULESET_VERSION = "2026-12-02.1"
SAFE_SCHEMES = ("tel:", "mailto:", "sms:", "https:", "http:")


def build_answer(
    ranking: Ranking,
    answers: Answers,
    at: datetime,
    topic_names: Mapping[str, Text],
    shared: SharedParts | None = None,
) -> dict[str, Any]:
    """The triage answer as JSON-ready data, in the answers' language, topics named by `topic_names`
    (the directory's: the ranking speaks in slugs).

    The parts that come from the directory alone (a channel at `at` with its "when", a service's
    brief and what to expect) are made once per `shared` (referral.suggest shares one per minute
    between answers); the parts that depend on the answers are made here, every time."""
    language = answers.language
    parts = shared or SharedParts()

    def channel(choice: ChannelChoice) -> dict[str, Any]:
        # The ranking asked the hours engine about this channel at `at`, the minute `shared` is for.
        return parts.get("channel", language, choice.channel, lambda: channel_at(choice, language, at))

    def brief_of(service: ServiceEntry) -> dict[str, Any]:
        return parts.get("brief", language, service, lambda: brief(service, language))

    def what_to_expect(service: ServiceEntry) -> str:
        return parts.get("what_to_expect", language, service, lambda: messages.what_to_expect(service, language))

    def reason(item: Reason) -> dict[str, str]:
        # The ranking shares a service's reasons per minute (referral/ranking.py `_ServiceAt`).
        return parts.get(
            "reason",
            language,
            item,
            lambda: {"code": item.code, "text": messages.reason_text(item, language, at, topic_names)},
        )

    def card(item: Suggestion) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]], str]:
        # A service on its chosen channel (its other channels follow from it): the parts of a
        # suggestion every answer of the minute that suggests it so shares.
        return parts.get(
            "card",
            language,
            item.channel.channel,
            lambda: (
                brief_of(item.service),
                channel(item.channel),
                [channel(other) for other in item.other_channels],
                what_to_expect(item.service),
            ),
        )

    message = messages.compose(ranking, answers, language, at, parts)
    # The message that names a line first depends on the line (a service on a channel), not on the
    # card: a helper's line or the 24/7 line may be one of the suggestions too. For this answer only.
    naming_first: dict[int, str] = {}
    if ranking.suggestions:
        naming_first[id(ranking.suggestions[0].channel.channel)] = message

    def message_naming(item: Suggestion) -> str:
        line = id(item.channel.channel)
        if line not in naming_first:
            others = tuple(other for other in ranking.suggestions if other is not item)
            first = dataclasses.replace(ranking, suggestions=(item, *others))
            naming_first[line] = messages.compose(first, answers, language, at, parts)
        return naming_first[line]

    def suggestion(item: Suggestion) -> dict[str, Any]:
        # A suggestion reachable now carries the message that names it first, so a helper can pick
        # any of them; a closed one says when it opens and offers no message to copy: a message
        # that sends someone to a closed line first must not exist.
        own_message = message_naming(item) if item.channel.reachable_now else None
        service, reached_on, other_channels, expect = card(item)
        return {
            "rank": item.rank,
            "service": service,
            "reasons": [reason(each) for each in item.reasons],
            "channel": reached_on,
            "other_channels": other_channels,
            "what_to_expect": expect,
            "message": own_message,
        }

    suggestions = [suggestion(item) for item in ranking.suggestions]
    suggested = {item.service.slug for item in ranking.suggestions}
    emergency = None
    if ranking.emergency is not None:
        emergency = {
            "service": brief_of(ranking.emergency.service),
            "channel": channel(ranking.emergency.channel),
            "what_to_say": messages.emergency_text(language, answers.for_whom),
            # The 24/7 line, unless it is already one of the cards: no card twice in one answer.
            "also": None if ranking.fallback.service.slug in suggested else suggestion(ranking.fallback),
        }
    for_helper = None
    if answers.for_whom == "someone_else":
        for_helper = {
            "services": [suggestion(item) for item in ranking.for_helper],
            "guidance": list(messages.helper_guidance(language, ranking.for_helper)),
        }
    # A further resource next to the suggestions, never one of them: no message names it.
    peer_support = [
        {
            "service": brief_of(item.service),
            "channel": channel(item.channel),
            "moderation": messages.peer_support_facts(item.service, language),
            "what_to_expect": what_to_expect(item.service),
        }
        for item in ranking.peer_support
    ]
    return {
        "at": at.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "ruleset_version": RULESET_VERSION,
        "language": language,
        "emergency": emergency,
        "suggestions": suggestions,
        "message": message,
        # The same referral in few words, for a DM; the page and the widget show it first.
        "message_short": messages.compose_short(ranking, answers, language, at, parts),
        "for_helper": for_helper,
        "resources": [brief_of(resource) for resource in ranking.resources],
        "peer_support": peer_support,
    }


def channel_at(choice: ChannelChoice, language: str, at: datetime) -> dict[str, Any]:
    """A channel of the answer: its JSON at `at`, a safe link, the link's text and "when"."""
    actions = action_labels(language)
    # The ranking already asked the hours engine about this channel at `at`: reuse its answer.
    data = channel_data(choice.channel, at, language, choice.openness, choice.certainty)
    data["href"] = safe_href(data["href"])
    data["action"] = actions.get(choice.channel.kind, actions["website"]) % {"value": data["value"]}
    data["when"] = messages.describe_openness(choice, language, at)
    data["region_name"] = region_name(data["region"], data["value"], language)
    return data


def brief(service: ServiceEntry, language: str) -> dict[str, Any]:
    return {
        "slug": service.slug,
        "name": messages.card_name(service, language),
        "organisation": service.organisation,
        "summary": read_marked(service.summary, language),
        "url": safe_href(service.url),
        "languages": list(service.languages),
        "language_note": messages.language_note(service, language),
    }


def region_name(region: str, shown_value: str, language: str) -> str:
    """The province of a place in words, when the place as shown does not already name it
    ("ZSG van het UZ Gent" -> "Oost-Vlaanderen"; "..., 1000 Brussels" -> "")."""
    name = label_region(region, language) if region else ""
    return "" if name in shown_value else name


def safe_href(href: str) -> str:
    """The link, or "" when its scheme could run code or leave the page unexpectedly (javascript:)."""
    return href if href.startswith(SAFE_SCHEMES) else ""


@cache
def action_labels(language: str) -> dict[str, str]:
    """What a link to each kind of channel says in `language` ("Bel %(value)s"), from the
    translations in locale/; read once per language."""
    with translation.override(language):
        return {
            "phone": gettext("Call %(value)s"),
            "sms": gettext("Text %(value)s"),
            "whatsapp": gettext("WhatsApp %(value)s"),
            "chat": gettext("Open the chat"),
            "email": gettext("Email %(value)s"),
            "forum": gettext("Open the forum"),
            "website": gettext("Open the website"),
            "walk-in": gettext("Walk in: %(value)s"),
        }
