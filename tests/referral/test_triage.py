"""The questionnaire as data: six questions, their answers, three languages, no Django."""

import subprocess
import sys
from pathlib import Path

import pytest

from directory.entries import Text
from referral.triage import Choice, label_channel_kind, questionnaire

ROOT = Path(__file__).resolve().parents[2]

TOPICS = (
    ("self-harm", Text("Zelfverwonding", "Automutilation", "Self-harm")),
    ("suicidal-thoughts", Text("Zelfmoordgedachten", "Idées suicidaires", "Suicidal thoughts")),
)
CHANNEL_KINDS = ("phone", "chat", "email", "forum", "walk-in", "sms", "whatsapp", "website")
LANGUAGES = ("nl", "fr", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_asks_the_questions_in_order_with_their_types(language: str) -> None:
    questions = questionnaire(language, TOPICS, CHANNEL_KINDS)

    assert [(q.id, q.type, q.required) for q in questions] == [
        ("for_whom", "single", True),
        ("age", "integer", False),
        ("topics", "multiple", True),
        ("danger_now", "boolean", True),
        ("channels", "multiple", False),
        ("region", "single", False),
        ("language", "single", True),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_offers_exactly_the_allowed_answers(language: str) -> None:
    questions = {q.id: q for q in questionnaire(language, TOPICS, CHANNEL_KINDS)}

    assert [c.id for c in questions["for_whom"].choices] == ["self", "someone_else"]
    assert [c.id for c in questions["danger_now"].choices] == ["true", "false"]
    assert [c.id for c in questions["channels"].choices] == list(CHANNEL_KINDS)
    assert [c.id for c in questions["language"].choices] == ["nl", "fr", "en"]
    age = questions["age"]
    assert (age.minimum, age.maximum, age.choices) == (0, 120, ())


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        pytest.param("nl", ["Zelfverwonding", "Zelfmoordgedachten"], id="dutch"),
        pytest.param("fr", ["Automutilation", "Idées suicidaires"], id="french"),
        pytest.param("en", ["Self-harm", "Suicidal thoughts"], id="english"),
    ],
)
def test_topic_choices_are_the_slugs_passed_in_with_their_translated_names(language: str, labels: list[str]) -> None:
    topics = next(q for q in questionnaire(language, TOPICS, CHANNEL_KINDS) if q.id == "topics")

    assert topics.choices == tuple(Choice(slug, label) for (slug, _), label in zip(TOPICS, labels, strict=True))


@pytest.mark.parametrize(
    ("language", "question", "text", "first_label", "help_text"),
    [
        pytest.param("nl", "for_whom", "Voor wie zoek je hulp?", "Voor mezelf", "", id="dutch-for-whom"),
        pytest.param("fr", "for_whom", "Pour qui cherches-tu de l'aide ?", "Pour moi", "", id="french-for-whom"),
        pytest.param("en", "for_whom", "Who are you looking for help for?", "For myself", "", id="english-for-whom"),
        pytest.param(
            "nl",
            "age",
            "Hoe oud ben je, of hoe oud is de persoon die je helpt?",
            None,
            "Laat leeg als je het niet weet.",
            id="dutch-age-may-stay-empty",
        ),
        pytest.param(
            "fr",
            "age",
            "Quel âge as-tu, ou quel âge a la personne que tu aides ?",
            None,
            "Laisse vide si tu ne sais pas.",
            id="french-age-may-stay-empty",
        ),
        pytest.param(
            "en",
            "age",
            "How old are you, or the person you are helping?",
            None,
            "Leave empty if you don't know.",
            id="english-age-may-stay-empty",
        ),
        pytest.param(
            "nl",
            "danger_now",
            "Is iemand nu in gevaar?",
            "Ja",
            "Bij direct gevaar: bel meteen 112.",
            id="dutch-danger-points-to-112",
        ),
        pytest.param(
            "fr",
            "danger_now",
            "Quelqu'un est-il en danger maintenant ?",
            "Oui",
            "En cas de danger immédiat : appelle tout de suite le 112.",
            id="french-danger-points-to-112",
        ),
        pytest.param(
            "en",
            "danger_now",
            "Is someone in danger right now?",
            "Yes",
            "In immediate danger: call 112 straight away.",
            id="english-danger-points-to-112",
        ),
        pytest.param(
            "nl",
            "channels",
            "Hoe neem je het liefst contact op?",
            "Telefoon",
            "Niet verplicht. Kies er zoveel je wilt.",
            id="dutch-channels",
        ),
        pytest.param(
            "fr",
            "channels",
            "Comment préfères-tu prendre contact ?",
            "Téléphone",
            "Facultatif. Choisis-en autant que tu veux.",
            id="french-channels",
        ),
        pytest.param(
            "en",
            "channels",
            "How would you like to get in touch?",
            "Phone",
            "Optional. Pick as many as you like.",
            id="english-channels",
        ),
    ],
)
def test_questions_read_in_the_language_asked(
    language: str, question: str, text: str, first_label: str | None, help_text: str
) -> None:
    asked = next(q for q in questionnaire(language, TOPICS, CHANNEL_KINDS) if q.id == question)

    assert (asked.text, asked.help) == (text, help_text)
    assert (asked.choices[0].label if asked.choices else None) == first_label


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_is_offered_in_its_own_name(language: str) -> None:
    offered = next(q for q in questionnaire(language, TOPICS, CHANNEL_KINDS) if q.id == "language")

    assert [c.label for c in offered.choices] == ["Nederlands", "Français", "English"]


@pytest.mark.parametrize(
    ("language", "kind", "label"),
    [
        pytest.param("nl", "walk-in", "Langsgaan", id="dutch-walk-in"),
        pytest.param("nl", "sms", "Sms", id="dutch-sms"),
        pytest.param("fr", "website", "Site web", id="french-website"),
        pytest.param("fr", "walk-in", "Sur place", id="french-walk-in"),
        pytest.param("en", "sms", "Text message", id="english-sms"),
        pytest.param("en", "whatsapp", "WhatsApp", id="english-keeps-the-brand-name"),
    ],
)
def test_channel_kinds_are_labelled_in_the_language(language: str, kind: str, label: str) -> None:
    channels = next(q for q in questionnaire(language, TOPICS, CHANNEL_KINDS) if q.id == "channels")

    assert {c.id: c.label for c in channels.choices}[kind] == label


def test_a_channel_kind_the_table_does_not_know_keeps_its_slug() -> None:
    assert label_channel_kind("carrier-pigeon", "fr") == "carrier-pigeon"


def test_only_the_channel_kinds_passed_in_are_offered() -> None:
    channels = next(q for q in questionnaire("nl", TOPICS, ("chat", "phone")) if q.id == "channels")

    assert channels.choices == (Choice("chat", "Chat"), Choice("phone", "Telefoon"))


@pytest.mark.parametrize(
    "language",
    [
        pytest.param("de", id="german"),
        pytest.param("", id="empty"),
        pytest.param("NL", id="upper-case"),
        # `Text.get` reads attributes: "get" must not turn into a method object.
        pytest.param("get", id="an-attribute-name-of-text"),
    ],
)
def test_an_unknown_language_falls_back_to_dutch(language: str) -> None:
    assert questionnaire(language, TOPICS, CHANNEL_KINDS) == questionnaire("nl", TOPICS, CHANNEL_KINDS)


def test_the_pure_modules_never_import_django() -> None:
    code = (
        "import sys, referral.triage, referral.messages; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('django'))"
    )

    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
