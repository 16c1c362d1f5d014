"""The published directory as immutable values: what triage, ranking and messages work on.

Pure: standard library only (plus the pure hours engine). `referral/suggest.py` is the one module
that builds these from the database; everything else only reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from directory.hours import Schedule

LANGUAGES = ("nl", "fr", "en")

# Channels where a person talks to someone live; only these can be "open now".
LIVE_CHANNEL_KINDS = frozenset({"phone", "chat", "sms", "whatsapp", "walk-in"})


@dataclass(frozen=True, slots=True)
class Text:
    """One user-facing text in the three languages; Dutch is the fallback."""

    nl: str
    fr: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language, "") or self.nl


@dataclass(frozen=True, slots=True)
class ChannelEntry:
    kind: str  # phone, chat, email, forum, walk-in, sms, whatsapp, website
    value: str  # the number, URL, e-mail address or street address as shown
    href: str  # a ready link: tel:1813, https://..., mailto:...; "" when there is none
    label: str = ""
    # None: no weekly hours are known (asynchronous channels, or hours nobody could verify).
    schedule: Schedule | None = None

    @property
    def is_live(self) -> bool:
        return self.kind in LIVE_CHANNEL_KINDS


@dataclass(frozen=True, slots=True)
class TopicLink:
    slug: str
    primary: bool  # True: the topic is what the service is for; False: it also helps with it


@dataclass(frozen=True, slots=True)
class ServiceEntry:
    slug: str
    name: str
    organisation: str
    kind: str  # helpline, information, walk-in, emergency
    summary: Text
    what_to_expect: Text
    url: str
    minimum_age: int | None
    maximum_age: int | None
    topics: tuple[TopicLink, ...]
    languages: tuple[str, ...]
    free: bool | None  # None: not known
    anonymous: bool | None
    accepts_third_party: bool  # you may contact it about someone else
    channels: tuple[ChannelEntry, ...]
    first_step_for_young_people: bool = False  # the Flemish first-step agreement (Awel)

    def accepts_age(self, age: int | None) -> bool:
        if age is None:
            return True
        if self.minimum_age is not None and age < self.minimum_age:
            return False
        return self.maximum_age is None or age <= self.maximum_age

    def topic(self, slug: str) -> TopicLink | None:
        return next((link for link in self.topics if link.slug == slug), None)


@dataclass(frozen=True, slots=True)
class Catalog:
    """All published services at one moment in time, as read by the snapshot."""

    services: tuple[ServiceEntry, ...] = field(default_factory=tuple)
    topic_slugs: frozenset[str] = frozenset()
    topic_names: Mapping[str, Text] = field(default_factory=dict)  # slug -> name, for the texts people read
    version: str = ""
