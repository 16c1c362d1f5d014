"""Help in the reader's language: every word theirs, and a line in another language always says so."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.entries import ChannelEntry, ServiceEntry, Text, marked, spoken_language
from directory.hours import Certainty, Openness
from referral.messages import compose, describe_openness, format_time, language_note, refer, to_name
from referral.ranking import ChannelChoice, Ranking, Suggestion
from referral.triage import Answers

BRUSSELS = ZoneInfo("Europe/Brussels")
AT = datetime(2026, 12, 6, 3, 0, tzinfo=BRUSSELS)  # a Sunday, 03:00
DAY_AND_NIGHT = Openness(open_now=True, closes_at=None, next_open_at=None)


def make_service(name: str = "Awel", languages: tuple[str, ...] = ("nl",), **fields: object) -> ServiceEntry:
    values: dict = {
        "slug": name.lower().replace(" ", "-"),
        "name": name,
        "organisation": name,
        "kind": "helpline",
        "summary": Text(""),
        "what_to_expect": Text(""),
        "url": "",
        "minimum_age": None,
        "maximum_age": None,
        "topics": (),
        "languages": languages,
        "free": None,
        "anonymous": None,
        "accepts_third_party": False,
        "channels": (),
    } | fields
    return ServiceEntry(**values)


def make_suggestion(service: ServiceEntry, channel: ChannelEntry, openness: Openness | None = DAY_AND_NIGHT):
    return Suggestion(
        rank=1,
        service=service,
        score=1.0,
        reasons=(),
        channel=ChannelChoice(channel, openness, Certainty(confirmed=True)),
        other_channels=(),
    )


PHONE_102 = ChannelEntry(kind="phone", value="102", href="tel:102")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("le Centre de Prévention du Suicide", "au Centre de Prévention du Suicide", id="le-becomes-au"),
        pytest.param("le Centre Antipoisons", "au Centre Antipoisons", id="poison-centre"),
        pytest.param("la DrugLijn", "à la DrugLijn", id="la-stays"),
        pytest.param("les Centres de Prise en charge", "aux Centres de Prise en charge", id="les-becomes-aux"),
        pytest.param("l'Écoute-Enfants", "à l'Écoute-Enfants", id="elision"),
        pytest.param("Awel", "à Awel", id="no-article"),
        pytest.param("Télé-Accueil", "à Télé-Accueil", id="no-article-accent"),
    ],
)
def test_french_names_take_their_article_after_a(name: str, expected: str) -> None:
    assert to_name(name, "fr") == expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_other_languages_keep_the_name_as_written(language: str) -> None:
    assert to_name("the Community Help Service", language) == "the Community Help Service"


def test_a_french_sentence_uses_the_french_name_with_its_article() -> None:
    service = make_service(
        "Antigifcentrum", ("nl", "fr"), sentence_name=Text("Antigifcentrum", "le Centre Antipoisons")
    )
    channel = ChannelEntry(kind="phone", value="070 245 245", href="tel:070245245")

    text = refer(make_suggestion(service, channel), "fr", AT)

    assert text.startswith("Tu peux t'adresser au Centre Antipoisons (téléphone : 070 245 245).")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param("fr", "Tu peux t'adresser à Awel (téléphone : 102, en néerlandais).", id="french"),
        pytest.param("en", "You can reach out to Awel (phone: 102, in Dutch).", id="english"),
        pytest.param("nl", "Je kunt terecht bij Awel (telefoon: 102).", id="dutch-needs-no-label"),
    ],
)
def test_a_dutch_only_line_named_in_a_message_says_it_answers_in_dutch(language: str, expected: str) -> None:
    assert refer(make_suggestion(make_service(), PHONE_102), language, AT).startswith(expected)


def test_a_line_in_the_readers_language_carries_no_label() -> None:
    service = make_service("Télé-Accueil", ("fr",))
    text = refer(make_suggestion(service, ChannelEntry(kind="phone", value="107", href="tel:107")), "fr", AT)

    assert text.startswith("Tu peux t'adresser à Télé-Accueil (téléphone : 107).")
    assert language_note(service, "fr") == ""
    assert language_note(make_service(), "fr") == "en néerlandais"
    assert language_note(make_service(), "en") == "in Dutch"


def test_a_walk_in_place_is_named_in_the_readers_language_inside_one_pair_of_parentheses() -> None:
    place = Text("lokaal onthaal van het CAW", "l'accueil local du CAW", "the CAW's local reception")
    channel = ChannelEntry(kind="walk-in", value=place.nl, href="", place=place)
    service = make_service("CAW")

    french = refer(make_suggestion(service, channel, None), "fr", AT)
    english = refer(make_suggestion(service, channel, None), "en", AT)

    assert "(sur place : l'accueil local du CAW, en néerlandais)" in french
    assert "(walk-in: the CAW's local reception, in Dutch)" in english
    assert "lokaal onthaal" not in french + english


def test_a_walk_in_place_not_yet_translated_says_it_is_in_dutch() -> None:
    channel = ChannelEntry(
        kind="walk-in", value="lokale JAC-vestigingen", href="", place=Text("lokale JAC-vestigingen")
    )
    service = make_service("Accueil", ("fr", "nl"))

    assert "(sur place : lokale JAC-vestigingen, en néerlandais)" in refer(
        make_suggestion(service, channel, None), "fr", AT
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "minuit"), ("en", "midnight"), ("nl", "00:00")],
)
def test_midnight_is_a_word_where_people_say_it(language: str, expected: str) -> None:
    assert format_time(datetime(2026, 12, 6, 0, 0, tzinfo=BRUSSELS), language) == expected


def test_a_line_open_until_midnight_says_so_in_french_and_english() -> None:
    until_midnight = Openness(open_now=True, closes_at=datetime(2026, 12, 7, 0, 0, tzinfo=BRUSSELS), next_open_at=None)
    choice = ChannelChoice(PHONE_102, until_midnight, Certainty(confirmed=True))

    assert describe_openness(choice, "fr", AT) == "Ouvert maintenant jusqu'à minuit"
    assert describe_openness(choice, "en", AT) == "Open now until midnight"


@pytest.mark.parametrize(
    ("text", "written_in", "reader", "expected"),
    [
        pytest.param("chat op awel.be", "nl", "fr", "chat op awel.be (en néerlandais)", id="label"),
        pytest.param("Een vrijwilliger luistert.", "nl", "en", "In Dutch: Een vrijwilliger luistert.", id="sentence"),
        pytest.param("chat op awel.be", "nl", "nl", "chat op awel.be", id="same-language"),
        pytest.param("102", "", "fr", "102", id="a-number-reads-the-same"),
    ],
)
def test_a_text_in_another_language_is_marked_never_silent(
    text: str, written_in: str, reader: str, expected: str
) -> None:
    assert marked(text, written_in, reader) == expected


def test_text_read_says_which_language_it_fell_back_to() -> None:
    assert Text("Hallo", "", "Hello").read("fr") == ("Hallo", "nl")
    assert Text("Hallo", "", "Hello").read("en") == ("Hello", "en")


@pytest.mark.parametrize(
    ("languages", "reader", "expected"),
    [((("nl",), "fr", "nl")), ((("nl", "fr"), "fr", "fr")), ((("de",), "fr", "de")), (((), "fr", ""))],
)
def test_the_language_a_line_answers_in(languages: tuple[str, ...], reader: str, expected: str) -> None:
    assert spoken_language(languages, reader) == expected


def ranking_of(*suggestions: Suggestion) -> Ranking:
    return Ranking(suggestions=suggestions, resources=(), emergency=None, fallback=suggestions[-1], for_helper=())


ANSWERS = Answers(age=15, topics=("self-harm",), danger_now=False, for_whom="self", language="fr")


def test_when_no_line_speaks_the_language_the_message_says_so_plainly() -> None:
    ranking = ranking_of(make_suggestion(make_service(), PHONE_102))

    french = compose(ranking, ANSWERS, "fr", AT)
    english = compose(ranking, replace(ANSWERS, language="en"), "en", AT)

    assert "aucune ligne ne répond en français" in french
    assert "Tu peux t'adresser à Awel (téléphone : 102, en néerlandais)" in french
    assert "No line answers in English for this topic right now" in english


def test_when_a_line_speaks_the_language_no_such_warning_is_given() -> None:
    service = make_service("Télé-Accueil", ("fr",))
    ranking = ranking_of(make_suggestion(service, ChannelEntry(kind="phone", value="107", href="tel:107")))

    assert "aucune ligne" not in compose(ranking, ANSWERS, "fr", AT)
