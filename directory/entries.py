"""The published directory as immutable values: what the read API, triage, ranking and messages
work on.

Pure: standard library only (plus the pure hours engine). The models map themselves to these
values (`Service.to_entry()`, `Channel.to_entry()`); `directory/snapshot.py` holds them in memory;
everything else only reads them. The constants below are the directory's own facts, defined here
once for the whole project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from directory.hours import Schedule

# The languages people read the service in; Dutch first, and the fallback of every text.
LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"
# Ages a service can name and a person can give (0-120).
MINIMUM_AGE = 0
MAXIMUM_AGE = 120

# Channels where a person talks to someone live; only these can be "open now".
LIVE_CHANNEL_KINDS = frozenset({"phone", "chat", "sms", "whatsapp", "walk-in"})


@dataclass(frozen=True, slots=True)
class Text:
    """One user-facing text in the three languages; Dutch is the fallback."""

    nl: str
    fr: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        if language not in LANGUAGES:
            return self.nl
        return getattr(self, language) or self.nl


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
class SourceEntry:
    url: str
    citation: str
    source_date: str  # as precise as known: "2023-01", "unknown (Feb 2021)"


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
    # What the read API shows besides; triage does not read these.
    description: Text = Text("")
    region: str = ""
    age_note: str = ""
    time_zone: str = "Europe/Brussels"
    sources: tuple[SourceEntry, ...] = ()
    last_verified: date | None = None
    verification_note: str = ""
    needs_verification: bool = False

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
    """All published services at one moment in time, as read by the snapshot (ordered by slug)."""

    services: tuple[ServiceEntry, ...] = field(default_factory=tuple)
    topic_slugs: frozenset[str] = frozenset()
    topic_names: Mapping[str, Text] = field(default_factory=dict)  # slug -> name, for the texts people read
    version: str = ""
