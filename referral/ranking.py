"""Ranking: from the answers and the published directory to ranked, explained suggestions.

Pure: standard library and the pure hours engine only. The rules are explained in prose, with
worked examples, in docs/ranking.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.hours import Openness
from referral.catalog import ChannelEntry, ServiceEntry


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a service is suggested; `messages.reason_text` turns it into words in a language."""

    code: str  # e.g. "topic-specialised", "age-fits", "open-now", "preferred-channel", "free-anonymous"
    params: tuple[tuple[str, str], ...] = ()  # e.g. (("channel", "chat"), ("topic", "self-harm"))


@dataclass(frozen=True, slots=True)
class ChannelChoice:
    channel: ChannelEntry
    openness: Openness | None  # None: the channel has no known hours (e-mail, forum, website)


@dataclass(frozen=True, slots=True)
class Suggestion:
    rank: int
    service: ServiceEntry
    score: float
    reasons: tuple[Reason, ...]
    channel: ChannelChoice  # the best way to reach the service at `at`
    other_channels: tuple[ChannelChoice, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    suggestions: tuple[Suggestion, ...]  # helplines and services, best first; never information sites
    resources: tuple[ServiceEntry, ...]  # information sources that are not helplines (WAT WAT)
    emergency: Suggestion | None  # 112 when someone is in danger now, else None
    fallback: Suggestion  # a line reachable at `at` at any hour (24/7), for the message
    for_helper: tuple[Suggestion, ...]  # when helping someone else: lines that take contact about a third party
