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


# -- Over the triage grid, on the real directory --------------------------------------------------

GRID_TOPICS = (
    "self-harm", "suicidal-thoughts", "feeling-down", "violence-abuse", "sexual-violence", "bullying", "family",
    "relationships-sexuality", "loneliness", "drugs-alcohol", "eating", "identity-lgbtqi", "online-harm",
    "missing-runaway", "grief", "school", "other",
)  # fmt: skip
GRID_AGES = (None, 15, 30)
GRID_MOMENTS = (
    datetime(2026, 12, 8, 20, 30, tzinfo=BRUSSELS),  # a Tuesday evening
    datetime(2026, 12, 6, 3, 0, tzinfo=BRUSSELS),  # a Sunday night
    datetime(2026, 12, 9, 11, 0, tzinfo=BRUSSELS),  # a Wednesday morning
)
_grid: dict[str, list] = {}


def grid() -> list:
    """Every (answers, answer) of the grid in French and English, computed once per session."""
    from referral.suggest import triage_answer

    if "answers" not in _grid:
        _grid["answers"] = [
            (answers, triage_answer(answers, at))
            for language in ("fr", "en")
            for topic in GRID_TOPICS
            for age in GRID_AGES
            for for_whom in ("self", "someone_else")
            for at in GRID_MOMENTS
            for answers in [
                Answers(age=age, topics=(topic,), danger_now=False, for_whom=for_whom, language=language, at=at)
            ]
        ]
    return _grid["answers"]


def dutch_strings() -> set[str]:
    """Every text the directory holds in Dutch only: what a French or English reader must never see."""
    from directory.models import Channel, Service, Topic

    texts = set()
    for service in Service.objects.filter(status=Service.Status.PUBLISHED):
        for dutch, french, english in (
            (service.summary_nl, service.summary_fr, service.summary_en),
            (service.what_to_expect_nl, service.what_to_expect_fr, service.what_to_expect_en),
        ):
            texts |= {dutch} - {french, english, ""}
    for channel in Channel.objects.filter(service__status=Service.Status.PUBLISHED):
        texts |= {channel.label} - {channel.label_fr, channel.label_en, ""}
        if channel.kind == Channel.Kind.WALK_IN:
            texts |= {channel.value} - {channel.value_fr, channel.value_en, ""}
    for topic in Topic.objects.all():
        texts |= {topic.name_nl, topic.description_nl} - {topic.name_fr, topic.name_en, topic.description, ""}
    return texts


def texts_of(answer: dict) -> str:
    import json

    return json.dumps(answer, ensure_ascii=False)


@pytest.mark.usefixtures("directory_data")
def test_french_and_english_answers_hold_no_dutch_label_or_sentence() -> None:
    dutch = dutch_strings()
    assert len(dutch) > 50  # the check has something to find
    for answers, answer in grid():
        text = texts_of(answer)
        found = sorted(phrase for phrase in dutch if phrase in text)
        assert found == [], (answers, found)


@pytest.mark.usefixtures("directory_data")
def test_every_line_in_another_language_carries_its_language_in_card_and_message() -> None:
    for answers, answer in grid():
        note = {"fr": "en néerlandais", "en": "in Dutch"}[answers.language]
        for suggestion in answer["suggestions"]:
            service = suggestion["service"]
            if answers.language in service["languages"]:
                assert service["language_note"] == "", service["slug"]
                continue
            assert service["language_note"] == note, (answers, service["slug"])
            # The message that names this line first (only a reachable card has one) says its language
            # inside the channel's parentheses.
            message = suggestion["message"]
            assert message is None or f", {note})" in message, (answers, service["slug"], message)


@pytest.mark.usefixtures("directory_data")
def test_the_first_french_suggestion_speaks_french_whenever_a_fitting_french_line_is_open() -> None:
    from directory.hours import openness
    from directory.snapshot import snapshot

    services = snapshot().catalog.services
    for answers, answer in grid():
        if answers.language != "fr":
            continue
        assert answers.at is not None
        fitting_open = [
            service.slug
            for service in services
            if "fr" in service.languages
            and service.kind in ("helpline", "walk-in")
            and service.accepts_age(answers.age)
            and (service.topic(answers.topics[0]) or service.topic("other"))
            and any(
                channel.is_live and channel.schedule and openness(channel.schedule, answers.at).open_now
                for channel in service.channels
            )
        ]
        if fitting_open:
            first = answer["suggestions"][0]["service"]
            assert "fr" in first["languages"], (answers, first["slug"], fitting_open)


@pytest.mark.usefixtures("directory_data")
def test_a_french_speaking_15_year_old_who_self_harms_on_sunday_at_3_gets_a_french_24_7_line_first() -> None:
    from referral.suggest import triage_answer

    answers = Answers(age=15, topics=("self-harm",), danger_now=False, for_whom="self", language="fr", at=AT)
    answer = triage_answer(answers, AT)

    first = answer["suggestions"][0]
    assert "fr" in first["service"]["languages"]
    assert first["channel"]["open_now"] is True
    assert first["channel"]["closes_at"] is None  # day and night
    text = texts_of(answer)
    assert not sorted(phrase for phrase in dutch_strings() if phrase in text)
    assert "(en néerlandais)" not in answer["message"].split("\n\n")[1]  # the line named first speaks French


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_care_centres_after_sexual_violence_appear_for_sexual_violence(language: str) -> None:
    from referral.suggest import triage_answer

    at = datetime(2026, 12, 6, 3, 0, tzinfo=BRUSSELS)
    answers = Answers(age=19, topics=("sexual-violence",), danger_now=False, for_whom="self", language=language, at=at)
    slugs = [s["service"]["slug"] for s in triage_answer(answers, at)["suggestions"]]

    assert "cpvs-zsg" in slugs


@pytest.mark.usefixtures("directory_data")
def test_the_emergency_box_of_the_page_follows_the_language(client) -> None:
    from directory.entries import LANGUAGES
    from directory.snapshot import snapshot

    boxes = {}
    for language in LANGUAGES:
        html = client.get(f"/?lang={language}").content.decode()
        box = html[html.index('class="emergency"') : html.index("</section>", html.index('class="emergency"'))]
        boxes[language] = box
    assert 'href="tel:+3280032123"' in boxes["fr"]
    assert 'href="tel:107"' in boxes["fr"]
    assert 'href="tel:+3226484014"' in boxes["en"]
    assert 'href="tel:1813"' in boxes["nl"]
    assert 'href="tel:106"' in boxes["nl"]
    # Every number in a box is a published phone open day and night in the directory.
    day_and_night = {
        channel.href
        for service in snapshot().catalog.services
        for channel in service.channels
        if channel.kind == "phone" and channel.schedule is not None
    }
    import re

    for box in boxes.values():
        for href in re.findall(r'href="(tel:[^"]+)"', box):
            assert href == "tel:112" or href in day_and_night, href


# -- Region: a province at most, only to prefer a place nearby -------------------------------------


def test_the_questionnaire_offers_exactly_the_provinces_channels_are_tied_to() -> None:
    from directory.models import Province
    from referral.triage import REGIONS, questionnaire

    assert tuple(Province.values) == REGIONS
    region = next(q for q in questionnaire("fr", (), ()) if q.id == "region")
    assert region.required is False
    assert [choice.label for choice in region.choices][:2] == ["Anvers", "Limbourg"]


def care_centre_answer(language: str, region: str) -> dict:
    from referral.suggest import triage_answer

    answers = Answers(
        age=19, topics=("sexual-violence",), danger_now=False, for_whom="self", language=language, region=region, at=AT
    )
    answer = triage_answer(answers, AT)
    return next(s for s in answer["suggestions"] if s["service"]["slug"] == "cpvs-zsg")


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    ("language", "day_and_night"), [("nl", "dag en nacht"), ("fr", "jour et nuit"), ("en", "day and night")]
)
def test_the_tele_onthaal_referral_says_day_and_night_once(language: str, day_and_night: str) -> None:
    from referral.suggest import triage_answer

    answers = Answers(age=15, topics=("self-harm",), danger_now=False, for_whom="self", language=language, at=AT)
    answer = triage_answer(answers, AT)
    line = next(s for s in answer["suggestions"] if s["service"]["slug"] == "tele-onthaal")
    referral = line["message"].split("\n\n")[1]  # after the acknowledgement: where to go, when, what to expect

    assert referral.lower().count(day_and_night) == 1, referral


@pytest.mark.usefixtures("directory_data")
def test_a_region_prefers_the_care_centre_in_that_province_and_the_message_says_so() -> None:
    centre = care_centre_answer("fr", "liege")

    assert centre["channel"]["region"] == "liege"
    assert "Dans ta province : Liège" in [reason["text"] for reason in centre["reasons"]]
    assert "Ce lieu se trouve dans ta province (Liège)." in centre["message"]
    # The place reads as one phrase after its kind, not "sur place : Liège : CPVS ...".
    assert "(sur place : CPVS du CHU de Liège, site Notre-Dame des Bruyères, à côté des urgences)" in centre["message"]
    # The others stay listed, each with its province when the place does not name it already.
    others = {(other["kind"], other["region"]): other["region_name"] for other in centre["other_channels"]}
    assert others["walk-in", "oost-vlaanderen"] == "Flandre-Orientale"
    assert others["walk-in", "brussels"] == ""  # "CPVS du CHU Saint-Pierre, ..., 1000 Bruxelles"
    assert others["phone", "brussels"] == "Bruxelles"  # 02 535 45 42


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("nl", "Zorgcentrum na Seksueel Geweld"),
        ("fr", "Centre de Prise en charge des Violences Sexuelles"),
        ("en", "Sexual Assault Care Centre"),
    ],
)
def test_a_card_is_titled_in_the_readers_language_when_the_directory_has_the_name(language: str, title: str) -> None:
    assert care_centre_answer(language, "")["service"]["name"] == title


@pytest.mark.usefixtures("directory_data")
def test_without_a_region_none_is_assumed_and_the_message_says_there_are_others() -> None:
    centre = care_centre_answer("en", "")

    assert all(reason["code"] != "nearby" for reason in centre["reasons"])
    assert "There are others in other provinces too." in centre["message"]
    assert "your province" not in centre["message"]


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize("age", [16, 19])
def test_a_province_picks_the_place_never_the_order(age: int) -> None:
    # Liège's centre has less certain hours than the one chosen without a province: it is still
    # the care centre's place for a reader in Liège, and the services keep their order.
    from referral.suggest import suggest
    from referral.triage import REGIONS

    def order(region: str) -> list[str]:
        answers = Answers(
            age=age, topics=("sexual-violence",), danger_now=False, for_whom="self", language="fr", region=region, at=AT
        )
        return [suggestion.service.slug for suggestion in suggest(answers, AT).suggestions]

    anywhere = order("")
    assert "cpvs-zsg" in anywhere
    assert {region: order(region) for region in REGIONS} == dict.fromkeys(REGIONS, anywhere)


@pytest.mark.usefixtures("directory_data")
def test_a_province_without_a_known_centre_is_not_claimed_as_nearby() -> None:
    # The facts name no open centre in Walloon Brabant (Ottignies is unconfirmed).
    centre = care_centre_answer("fr", "brabant-wallon")

    assert all(reason["code"] != "nearby" for reason in centre["reasons"])
    assert "Il y en a aussi dans d'autres provinces." in centre["message"]


@pytest.mark.usefixtures("directory_data")
def test_the_page_asks_for_the_province_as_an_optional_drop_down_and_uses_it(client) -> None:
    html = client.get("/?lang=fr").content.decode()
    assert '<select class="input" id="q-region" name="region"' in html
    assert '<option value="">Je préfère ne pas le dire</option>' in html

    response = client.post(
        "/?lang=fr",
        {"for_whom": "self", "age": "19", "topics": "sexual-violence", "danger_now": "false", "region": "hainaut"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dans ta province : Hainaut" in page
    assert response["Cache-Control"] == "no-store"


# -- API errors in the reader's language, with stable English codes --------------------------------


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    ("query", "headers", "language", "message"),
    [
        pytest.param("?lang=fr", {}, "fr", "Sujet(s) inconnu(s) : pigeons.", id="lang-fr"),
        pytest.param(
            "", {"HTTP_ACCEPT_LANGUAGE": "fr-BE,fr;q=0.9"}, "fr", "Sujet(s) inconnu(s) : pigeons.", id="accept-fr"
        ),
        pytest.param("?lang=nl", {}, "nl", "Onbekend(e) onderwerp(en): pigeons.", id="lang-nl"),
        pytest.param("?lang=en", {}, "en", "Unknown topic(s): pigeons.", id="lang-en"),
    ],
)
def test_a_triage_error_is_in_the_requested_language_with_an_english_code(
    client, query: str, headers: dict, language: str, message: str
) -> None:
    response = client.post(
        f"/api/v1/triage/{query}",
        {"topics": ["pigeons"], "danger_now": False},
        content_type="application/json",
        **headers,
    )
    body = response.json()
    assert response.status_code == 400
    assert body["error"] == "invalid_request"
    assert body["fields"]["topics"][0].startswith(message)
    assert response["Content-Language"] == language


@pytest.mark.usefixtures("directory_data")
def test_a_read_api_error_follows_the_language_too(client) -> None:
    refused = client.get("/api/v1/services/?lang=fr&age=abc")
    missing = client.get("/api/v1/services/nobody/?lang=fr")
    nowhere = client.get("/api/v1/nowhere/?lang=fr")

    assert refused.json()["error"] == "invalid_request"
    assert refused.json()["fields"]["age"] == ["« abc » n'est pas un nombre entier d'années."]
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    assert missing.json()["message"] == "Aucun service publié avec cet identifiant (slug)."
    assert nowhere.json() == {
        "error": "not_found",
        "message": "Rien à l'adresse /api/v1/nowhere/. Voir /api/docs/ pour les points d'accès.",
    }
    assert {refused["Content-Language"], missing["Content-Language"], nowhere["Content-Language"]} == {"fr"}


# -- Curator text per language: a missing translation shows Dutch, marked --------------------------


@pytest.mark.parametrize(
    ("language", "summary", "label"),
    [
        ("fr", "En néerlandais : Een vrijwilliger luistert.", "chat op awel.be (en néerlandais)"),
        ("en", "In Dutch: Een vrijwilliger luistert.", "chat op awel.be (in Dutch)"),
    ],
)
def test_curator_text_missing_in_a_language_falls_back_to_dutch_visibly(
    language: str, summary: str, label: str
) -> None:
    from directory.serializers import channel_texts
    from referral.answer import brief

    service = make_service(summary=Text("Een vrijwilliger luistert."))
    channel = ChannelEntry(
        kind="chat", value="https://awel.be/chat", href="https://awel.be/chat", label=Text("chat op awel.be")
    )

    assert brief(service, language)["summary"] == summary
    assert channel_texts(channel, language)["label"] == label
    assert brief(service, "nl")["summary"] == "Een vrijwilliger luistert."


# -- Done when: an English speaker is told plainly which lines speak English or Dutch --------------


@pytest.mark.usefixtures("directory_data")
def test_an_english_speaker_is_told_which_lines_speak_english_and_which_dutch() -> None:
    from referral.suggest import triage_answer

    answers = Answers(age=15, topics=("self-harm",), danger_now=False, for_whom="self", language="en", at=AT)
    answer = triage_answer(answers, AT)

    first, *others = answer["suggestions"]
    assert "en" in first["service"]["languages"]
    assert first["service"]["language_note"] == ""
    assert "Help in English" in [reason["text"] for reason in first["reasons"]]
    dutch_only = [s for s in others if "en" not in s["service"]["languages"]]
    assert dutch_only, "the answer has Dutch-only lines to label"
    assert all(s["service"]["language_note"] == "in Dutch" for s in dutch_only)
    # In the message every Dutch-only line says so; the English one needs no label.
    for paragraph in answer["message"].split("\n\n"):
        if "Tele-Onthaal" in paragraph or "Zelfmoordlijn" in paragraph:
            assert "in Dutch" in paragraph, paragraph
    assert "02 648 40 14" in answer["message"].split("\n\n")[1]


def test_a_24_7_line_that_may_close_weeks_later_is_not_said_to_close_at_midnight() -> None:
    # Public holidays not known: the hours engine closes it on 25 December; at 03:00 on 6 December
    # "until midnight" would read as tonight.
    christmas = datetime(2026, 12, 25, 0, 0, tzinfo=BRUSSELS)
    until_christmas = Openness(open_now=True, closes_at=christmas, next_open_at=None)
    service = make_service("CHS Helpline", ("en",))
    phone = ChannelEntry(kind="phone", value="02 648 40 14", href="tel:+3226484014")
    choice = make_suggestion(service, phone, until_christmas).channel

    assert [describe_openness(choice, language, AT) for language in ("nl", "fr", "en")] == [
        "Nu open",
        "Ouvert maintenant",
        "Open now",
    ]
    tonight = replace(until_christmas, closes_at=datetime(2026, 12, 7, 0, 0, tzinfo=BRUSSELS))
    assert describe_openness(replace(choice, openness=tonight), "fr", AT) == "Ouvert maintenant jusqu'à minuit"
