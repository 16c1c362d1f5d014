"""The triage questionnaire as data, and the answers it produces.

Pure: standard library only (and the catalog's `Text`); never Django. Because of that, the
user-facing texts are not gettext messages but explicit per-language tables (`Text` values with
Dutch first, then French and English) kept in this module; Dutch is the fallback for an unknown
language.

Rules:
- The questionnaire is short on purpose: a person in a hurry on a phone answers four questions,
  always in the same order; `age`, `channels` and `region` (a province, never an address) may
  stay empty.
- The directory decides which topics and channel kinds exist; this module only gives them labels.

The answers are never stored, logged or cached: they live only as this frozen value for the length
of one request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from directory.entries import LANGUAGES, MAXIMUM_AGE, MINIMUM_AGE, Text

FOR_WHOM = ("self", "someone_else")

SINGLE = "single"
MULTIPLE = "multiple"
INTEGER = "integer"
BOOLEAN = "boolean"

# Channel kinds as they read inside a sentence ("Nu open: chat"); labels capitalise them.
CHANNEL_KINDS: dict[str, Text] = {
    "phone": Text("telefoon", "téléphone", "phone"),
    "chat": Text("chat", "chat", "chat"),
    "email": Text("e-mail", "e-mail", "email"),
    "forum": Text("forum", "forum", "forum"),
    "walk-in": Text("langsgaan", "sur place", "walk-in"),
    "sms": Text("sms", "SMS", "text message"),
    "whatsapp": Text("WhatsApp", "WhatsApp", "WhatsApp"),
    "website": Text("website", "site web", "website"),
}

# Each language named in each language; the questionnaire shows every language in its own name.
LANGUAGE_NAMES: dict[str, Text] = {
    "nl": Text("Nederlands", "néerlandais", "Dutch"),
    "fr": Text("Frans", "français", "French"),
    "en": Text("Engels", "anglais", "English"),
}

QUESTION_TEXTS: dict[str, Text] = {
    "for_whom": Text(
        "Voor wie zoek je hulp?",
        "Pour qui cherches-tu de l'aide ?",
        "Who are you looking for help for?",
    ),
    "age": Text(
        "Hoe oud ben je, of hoe oud is de persoon die je helpt?",
        "Quel âge as-tu, ou quel âge a la personne que tu aides ?",
        "How old are you, or the person you are helping?",
    ),
    "topics": Text("Waarover gaat het?", "De quoi s'agit-il ?", "What is it about?"),
    "danger_now": Text(
        "Is iemand nu in gevaar?",
        "Quelqu'un est-il en danger maintenant ?",
        "Is someone in danger right now?",
    ),
    "channels": Text(
        "Hoe neem je het liefst contact op?",
        "Comment préfères-tu prendre contact ?",
        "How would you like to get in touch?",
    ),
    "region": Text(
        "In welke provincie zoek je hulp?",
        "Dans quelle province cherches-tu de l'aide ?",
        "In which province are you looking for help?",
    ),
    "language": Text(
        "In welke taal wil je hulp?",
        "Dans quelle langue veux-tu de l'aide ?",
        "In which language do you want help?",
    ),
}

HELP_TEXTS: dict[str, Text] = {
    "age": Text(
        "Laat leeg als je het niet weet.",
        "Laisse vide si tu ne sais pas.",
        "Leave empty if you don't know.",
    ),
    "topics": Text("Kies alles wat past.", "Choisis tout ce qui correspond.", "Pick everything that fits."),
    "danger_now": Text(
        "Bij direct gevaar: bel meteen 112.",
        "En cas de danger immédiat : appelle tout de suite le 112.",
        "In immediate danger: call 112 straight away.",
    ),
    "channels": Text(
        "Niet verplicht. Kies er zoveel je wilt.",
        "Facultatif. Choisis-en autant que tu veux.",
        "Optional. Pick as many as you like.",
    ),
    "region": Text(
        "Niet verplicht. Alleen om een plek dichtbij voor te stellen, zoals een zorgcentrum na seksueel geweld. "
        "Je adres hoeven we niet.",
        "Facultatif. Seulement pour proposer un lieu proche, comme un centre de prise en charge après des "
        "violences sexuelles. Nous n'avons pas besoin de ton adresse.",
        "Optional. Only to suggest a place nearby, such as a care centre after sexual violence. We don't need "
        "your address.",
    ),
}

# The provinces (Brussels as one), as directory.models.Province has them: the only place the
# questionnaire asks for, to prefer a walk-in place nearby. Never finer: no town, no address.
REGION_NAMES: dict[str, Text] = {
    "antwerpen": Text("Antwerpen", "Anvers", "Antwerp"),
    "limburg": Text("Limburg", "Limbourg", "Limburg"),
    "oost-vlaanderen": Text("Oost-Vlaanderen", "Flandre-Orientale", "East Flanders"),
    "vlaams-brabant": Text("Vlaams-Brabant", "Brabant flamand", "Flemish Brabant"),
    "west-vlaanderen": Text("West-Vlaanderen", "Flandre-Occidentale", "West Flanders"),
    "brussels": Text("Brussel", "Bruxelles", "Brussels"),
    "brabant-wallon": Text("Waals-Brabant", "Brabant wallon", "Walloon Brabant"),
    "hainaut": Text("Henegouwen", "Hainaut", "Hainaut"),
    "liege": Text("Luik", "Liège", "Liège"),
    "luxembourg": Text("Luxemburg", "Luxembourg", "Luxembourg"),
    "namur": Text("Namen", "Namur", "Namur"),
}
REGIONS = tuple(REGION_NAMES)

CHOICE_LABELS: dict[str, Text] = {
    "self": Text("Voor mezelf", "Pour moi", "For myself"),
    "someone_else": Text("Ik help iemand anders", "J'aide quelqu'un d'autre", "I'm helping someone else"),
    "true": Text("Ja", "Oui", "Yes"),
    "false": Text("Nee", "Non", "No"),
}


@dataclass(frozen=True, slots=True)
class Answers:
    age: int | None  # None: unknown
    topics: tuple[str, ...]  # topic slugs, at least one
    danger_now: bool
    for_whom: str  # "self" or "someone_else"
    channels: tuple[str, ...] = ()  # preferred channel kinds; empty = no preference
    language: str = "nl"  # nl, fr or en: the language of the texts and of the help
    region: str = ""  # a province (REGIONS) to prefer a walk-in place in; "": none assumed
    at: datetime | None = None  # filled in by the view: the moment the suggestions are for
    limit: int = 3


@dataclass(frozen=True, slots=True)
class Choice:
    id: str  # the value the API accepts
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str  # the field name in the triage request
    text: str
    type: str  # SINGLE, MULTIPLE, INTEGER or BOOLEAN
    required: bool
    choices: tuple[Choice, ...]  # empty for INTEGER
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None


def choose_language(language: str) -> str:
    """The language to write in: the one asked for when we have texts for it, else Dutch."""
    return language if language in LANGUAGES else "nl"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def label_channel_kind(kind: str, language: str) -> str:
    """The kind as it reads inside a sentence; a kind the table does not know keeps its slug."""
    name = CHANNEL_KINDS.get(kind)
    return name.get(choose_language(language)) if name else kind


def label_region(slug: str, language: str) -> str:
    name = REGION_NAMES.get(slug)
    return name.get(choose_language(language)) if name else slug


def label_language(code: str, language: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return name.get(choose_language(language)) if name else code


def questionnaire(
    language: str, topics: Sequence[tuple[str, Text]], channel_kinds: Sequence[str]
) -> tuple[Question, ...]:
    """The questions in order, in `language`; `topics` are (slug, name) pairs from the directory."""
    language = choose_language(language)

    def ask(
        question_id: str,
        question_type: str,
        required: bool,
        choices: tuple[Choice, ...] = (),
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> Question:
        help_text = HELP_TEXTS.get(question_id)
        return Question(
            question_id,
            QUESTION_TEXTS[question_id].get(language),
            question_type,
            required,
            choices,
            help_text.get(language) if help_text else "",
            minimum,
            maximum,
        )

    def labelled(*choice_ids: str) -> tuple[Choice, ...]:
        return tuple(Choice(choice_id, CHOICE_LABELS[choice_id].get(language)) for choice_id in choice_ids)

    return (
        ask("for_whom", SINGLE, True, labelled(*FOR_WHOM)),
        ask("age", INTEGER, False, minimum=MINIMUM_AGE, maximum=MAXIMUM_AGE),
        ask("topics", MULTIPLE, True, tuple(Choice(slug, name.get(language)) for slug, name in topics)),
        ask("danger_now", BOOLEAN, True, labelled("true", "false")),
        ask(
            "channels",
            MULTIPLE,
            False,
            tuple(Choice(kind, capitalise(label_channel_kind(kind, language))) for kind in channel_kinds),
        ),
        ask("region", SINGLE, False, tuple(Choice(slug, name.get(language)) for slug, name in REGION_NAMES.items())),
        # Every language in its own name: someone who reads only French must find "Français".
        ask(
            "language", SINGLE, True, tuple(Choice(code, capitalise(label_language(code, code))) for code in LANGUAGES)
        ),
    )
