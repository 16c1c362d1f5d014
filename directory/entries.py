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

    def read(self, language: str) -> tuple[str, str]:
        """The text for a reader of `language`, and the language it is in: Dutch when the curator
        has not written it in `language` yet, so that the caller can say so."""
        text = getattr(self, language, "") if language in LANGUAGES else ""
        return (text, language) if text else (self.nl, "nl")


# Said after a text, or a line, in another language than the reader's: "(en néerlandais)".
IN_LANGUAGE: Mapping[str, Text] = {
    "nl": Text("in het Nederlands", "en néerlandais", "in Dutch"),
    "fr": Text("in het Frans", "en français", "in French"),
    "en": Text("in het Engels", "en anglais", "in English"),
    "de": Text("in het Duits", "en allemand", "in German"),
}


def marked(text: str, written_in: str, reader: str) -> str:
    """The text with the language it is in when that is not the reader's (never silently another
    language): "chat op awel.be (en néerlandais)"; running text starts with it instead, "En
    néerlandais : Een vrijwilliger luistert.". `written_in` "" means the same in every language
    (a number, a link)."""
    if not text or not written_in or written_in == reader or written_in not in IN_LANGUAGE:
        return text
    note = IN_LANGUAGE[written_in].get(reader)
    if text.endswith((".", "!", "?")):
        return f"{note[:1].upper()}{note[1:]}{' : ' if reader == 'fr' else ': '}{text}"
    return f"{text} ({note})"


def read_marked(text: Text, reader: str) -> str:
    """A curator's text for the reader, marked when it falls back to Dutch."""
    return marked(*text.read(reader), reader)


def spoken_language(languages: tuple[str, ...], reader: str) -> str:
    """The language a line will answer this reader in: theirs when it speaks it, else Dutch when it
    speaks Dutch, else its first; "" when the directory does not know."""
    if reader in languages or not languages:
        return reader if languages else ""
    return "nl" if "nl" in languages else languages[0]


@dataclass(frozen=True, slots=True)
class ChannelEntry:
    kind: str  # phone, chat, email, forum, walk-in, sms, whatsapp, website
    value: str  # the number, URL, e-mail address or street address as shown
    href: str  # a ready link: tel:1813, https://..., mailto:...; "" when there is none
    label: Text = Text("")
    # None: no weekly hours are known (asynchronous channels, or hours nobody could verify).
    schedule: Schedule | None = None
    # A walk-in place in each language (value is the Dutch one); numbers and links have no translation.
    place: Text | None = None
    region: str = ""  # the province of a walk-in place (directory.models.Province); "" when not tied to one

    def shown_value(self, language: str) -> tuple[str, str]:
        """The value as a reader of `language` sees it, and the language it is written in ("" for a
        number or a link, which read the same in every language)."""
        return self.place.read(language) if self.place is not None else (self.value, "")

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
    kind: str  # helpline, information, walk-in, emergency, peer-support
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
    # A young person may contact it about someone else (a friend), even if adults may not (Awel).
    takes_young_helpers: bool = False
    # The age bounds are a reading of the audience that no source states: shown as "usually".
    age_is_reading: bool = False
    moderated_by: str = ""  # peer support: professionals, trained-volunteers, young-people; "" not known
    # What the read API shows besides; triage does not read these.
    description: Text = Text("")
    region: str = ""
    age_note: str = ""
    time_zone: str = "Europe/Brussels"
    sources: tuple[SourceEntry, ...] = ()
    last_verified: date | None = None
    verification_note: str = ""
    needs_verification: bool = False
    # The name inside a sentence, with its article where the language uses one ("la DrugLijn");
    # Dutch (and any language without its own) uses `name` as it is.
    sentence_name: Text | None = None

    def name_in_sentence(self, language: str) -> str:
        return self.sentence_name.get(language) if self.sentence_name is not None else self.name

    def accepts_age(self, age: int | None) -> bool:
        if age is None:
            return True
        if self.minimum_age is not None and age < self.minimum_age:
            return False
        return self.maximum_age is None or age <= self.maximum_age

    def topic(self, slug: str) -> TopicLink | None:
        for link in self.topics:  # a loop, not next() over a generator: triage asks this per candidate
            if link.slug == slug:
                return link
        return None


@dataclass(frozen=True, slots=True)
class Catalog:
    """All published services at one moment in time, as read by the snapshot (ordered by slug)."""

    services: tuple[ServiceEntry, ...] = field(default_factory=tuple)
    topic_slugs: frozenset[str] = frozenset()
    topic_names: Mapping[str, Text] = field(default_factory=dict)  # slug -> name, for the texts people read
    version: str = ""
