"""The texts of a referral: every composed message passes the safe-messaging checklist."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from directory.entries import ChannelEntry, ServiceEntry, Text
from directory.hours import Certainty, Openness
from referral.messages import (
    SUICIDE_LINE_IF,
    check_message,
    compose,
    describe_openness,
    emergency_text,
    helper_guidance,
    reason_text,
    what_to_expect,
)
from referral.ranking import ChannelChoice, Ranking, Reason, Suggestion
from referral.triage import Answers

BRUSSELS = ZoneInfo("Europe/Brussels")
LANGUAGES = ("nl", "fr", "en")
FOR_WHOM = ("self", "someone_else")


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


CONFIRMED = Certainty(confirmed=True)
AT = local(2024, 12, 2, 19)  # a Monday evening
ALWAYS_OPEN = Openness(open_now=True, closes_at=None, next_open_at=None)
OPEN_UNTIL_22 = Openness(open_now=True, closes_at=local(2024, 12, 2, 22), next_open_at=None)
OPENS_TOMORROW_9 = Openness(open_now=False, closes_at=None, next_open_at=local(2024, 12, 3, 9))
NO_TEXT = Text("")


def make_channel(kind: str = "phone", value: str = "102") -> ChannelEntry:
    return ChannelEntry(kind=kind, value=value, href="")


def make_service(
    slug: str = "awel",
    name: str = "Awel",
    *,
    kind: str = "helpline",
    expect: Text = NO_TEXT,
    free: bool | None = True,
    anonymous: bool | None = True,
    accepts_third_party: bool = False,
) -> ServiceEntry:
    return ServiceEntry(
        slug=slug,
        name=name,
        organisation=name,
        kind=kind,
        summary=NO_TEXT,
        what_to_expect=expect,
        url="",
        minimum_age=None,
        maximum_age=None,
        topics=(),
        languages=("nl",),
        free=free,
        anonymous=anonymous,
        accepts_third_party=accepts_third_party,
        channels=(),
    )


def make_suggestion(
    service: ServiceEntry, channel: ChannelEntry, openness: Openness | None, *reasons: Reason
) -> Suggestion:
    return Suggestion(
        rank=1,
        service=service,
        score=1.0,
        reasons=reasons,
        # Confirmed hours unless a test is about certainty (see the certainty tests below).
        channel=ChannelChoice(channel, openness, CONFIRMED if openness is not None else None),
        other_channels=(),
    )


def make_ranking(first: Suggestion, fallback: Suggestion, emergency: Suggestion | None = None) -> Ranking:
    return Ranking(suggestions=(first,), resources=(), emergency=emergency, fallback=fallback, for_helper=())


def make_answers(for_whom: str = "self", danger_now: bool = False, language: str = "nl") -> Answers:
    return Answers(age=15, topics=("self-harm",), danger_now=danger_now, for_whom=for_whom, language=language)


AWEL_CHAT = make_suggestion(
    make_service(
        expect=Text(
            "Een getrainde vrijwilliger luistert naar je verhaal.",
            "Un bénévole formé écoute ton histoire.",
            "A trained volunteer listens to your story.",
        )
    ),
    make_channel("chat", "https://www.awel.be"),
    OPEN_UNTIL_22,
    Reason("topic-specialised", (("topic", "Zelfverwonding"),)),
    Reason("first-step-young-people"),
)
LINE_1813 = make_suggestion(
    make_service("zelfmoordlijn-1813", "Zelfmoordlijn 1813", accepts_third_party=True),
    make_channel("phone", "1813"),
    ALWAYS_OPEN,
)
CHAT_1813 = replace(LINE_1813, channel=ChannelChoice(make_channel("chat", "https://www.zelfmoord1813.be"), None))
TELE_ONTHAAL = make_suggestion(make_service("tele-onthaal", "Tele-Onthaal"), make_channel("phone", "106"), ALWAYS_OPEN)
CLOSED_1712 = make_suggestion(
    make_service("1712", "Hulplijn 1712", free=True, anonymous=None), make_channel("phone", "1712"), OPENS_TOMORROW_9
)
EMERGENCY_112 = make_suggestion(
    make_service("112", "112", kind="emergency", anonymous=None), make_channel("phone", "112"), ALWAYS_OPEN
)


@dataclass(frozen=True)
class Case:
    ranking: Ranking
    danger_now: bool = False


CASES = {
    "awel-chat-open-now": Case(make_ranking(AWEL_CHAT, LINE_1813)),
    "closed-service-opens-tomorrow": Case(make_ranking(CLOSED_1712, TELE_ONTHAAL)),
    "first-suggestion-is-the-fallback": Case(make_ranking(LINE_1813, LINE_1813)),
    "danger-now": Case(make_ranking(LINE_1813, LINE_1813, emergency=EMERGENCY_112), danger_now=True),
    "danger-now-with-awel": Case(make_ranking(AWEL_CHAT, LINE_1813, emergency=EMERGENCY_112), danger_now=True),
}


def compose_case(name: str, language: str, for_whom: str) -> str:
    case = CASES[name]
    return compose(case.ranking, make_answers(for_whom, case.danger_now, language), language, AT)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# -- compose --------------------------------------------------------------------------------------


@pytest.mark.parametrize("for_whom", FOR_WHOM)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", CASES)
def test_every_composed_message_passes_the_checklist(name: str, language: str, for_whom: str) -> None:
    text = compose_case(name, language, for_whom)
    first = CASES[name].ranking.suggestions[0]

    assert check_message(text, language, first.channel.channel.value) == []


@pytest.mark.parametrize("for_whom", FOR_WHOM)
@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_now_puts_112_first(language: str, for_whom: str) -> None:
    first = paragraphs(compose_case("danger-now-with-awel", language, for_whom))[0]

    assert "112" in first
    assert "101" in first


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_danger_the_message_opens_with_the_acknowledgement_and_still_gives_112(language: str) -> None:
    text = compose_case("awel-chat-open-now", language, "someone_else")

    assert "112" not in paragraphs(text)[0]
    assert "112" in paragraphs(text)[-2]


@pytest.mark.parametrize("for_whom", FOR_WHOM)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["awel-chat-open-now", "closed-service-opens-tomorrow"])
def test_the_message_names_the_first_suggestion_with_its_channel_and_openness(
    name: str, language: str, for_whom: str
) -> None:
    text = compose_case(name, language, for_whom)
    first = CASES[name].ranking.suggestions[0]

    assert first.service.name in text
    assert first.channel.channel.value in text
    assert describe_openness(first.channel, language, AT) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_message_offers_the_24_7_fallback_with_its_number(language: str) -> None:
    text = compose_case("closed-service-opens-tomorrow", language, "self")

    assert "Tele-Onthaal" in text
    assert "106" in text
    assert describe_openness(TELE_ONTHAAL.channel, language, AT) in text


@pytest.mark.parametrize("for_whom", FOR_WHOM)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["first-suggestion-is-the-fallback", "danger-now"])
def test_the_fallback_appears_once_when_it_is_also_the_first_suggestion(
    name: str, language: str, for_whom: str
) -> None:
    text = compose_case(name, language, for_whom)

    assert text.count("Zelfmoordlijn 1813") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_line_on_another_channel_still_offers_the_24_7_phone(language: str) -> None:
    text = compose(make_ranking(CHAT_1813, LINE_1813), make_answers(language=language), language, AT)

    assert "https://www.zelfmoord1813.be" in text
    assert text.count("Zelfmoordlijn 1813") == 2
    assert describe_openness(LINE_1813.channel, language, AT) in text


@pytest.mark.parametrize(
    ("language", "for_whom", "opening", "closing"),
    [
        pytest.param(
            "nl",
            "someone_else",
            "Ik las je bericht, en ik ben blij dat je het met me deelt.",
            "Laat je me weten hoe het ging?",
            id="dutch-from-a-helper",
        ),
        pytest.param(
            "nl",
            "self",
            "Goed dat je hulp zoekt.",
            "Praat er ook over met iemand die je vertrouwt",
            id="dutch-to-oneself",
        ),
        pytest.param(
            "fr",
            "someone_else",
            "J'ai lu ton message",
            "Tu me diras comment ça s'est passé ?",
            id="french-from-a-helper",
        ),
        pytest.param("fr", "self", "C'est bien que tu cherches de l'aide.", "Parles-en aussi", id="french-to-oneself"),
        pytest.param(
            "en", "someone_else", "I read your message", "Will you let me know how it went?", id="english-from-a-helper"
        ),
        pytest.param(
            "en", "self", "It's good that you're looking for help.", "someone you trust", id="english-to-oneself"
        ),
    ],
)
def test_the_message_speaks_for_the_helper_or_to_the_person_themselves(
    language: str, for_whom: str, opening: str, closing: str
) -> None:
    text = compose_case("awel-chat-open-now", language, for_whom)

    assert paragraphs(text)[0].startswith(opening)
    assert closing in paragraphs(text)[-1]


@pytest.mark.parametrize(
    ("for_whom", "sentence"),
    [
        pytest.param(
            "someone_else", "Ik maak me zorgen om je. Het klinkt alsof het nu echt zwaar is.", id="from-a-helper"
        ),
        pytest.param("self", "Jezelf pijn doen is vaak een manier om met iets heel moeilijks", id="to-oneself"),
    ],
)
def test_the_acknowledgement_is_written_for_the_asked_topic(for_whom: str, sentence: str) -> None:
    assert sentence in paragraphs(compose_case("awel-chat-open-now", "nl", for_whom))[0]


def test_an_unknown_language_composes_in_dutch() -> None:
    ranking = CASES["awel-chat-open-now"].ranking

    assert compose(ranking, make_answers(), "de", AT) == compose(ranking, make_answers(), "nl", AT)


# -- check_message --------------------------------------------------------------------------------

GOOD = {
    "nl": (
        "Ik las je bericht. Het klinkt alsof het nu echt zwaar is.\n\n"
        "Je kunt terecht bij Awel (chat: https://www.awel.be). Nu open tot 22:00.\n\n"
        "Lukt dat niet? Zelfmoordlijn 1813 (telefoon: 1813). Dag en nacht bereikbaar.\n\n"
        "Ben je nu in gevaar? Bel meteen 112.\n\n"
        "Je hoeft dit niet alleen te dragen. Laat je me weten hoe het ging?"
    ),
    "fr": (
        "J'ai lu ton message. On dirait que c'est vraiment dur en ce moment.\n\n"
        "Tu peux t'adresser à Awel (chat : https://www.awel.be). Ouvert maintenant jusqu'à 22h00.\n\n"
        "Ça ne passe pas ? Tele-Onthaal (téléphone : 106). Joignable jour et nuit.\n\n"
        "Tu es en danger maintenant ? Appelle tout de suite le 112.\n\n"
        "Tu n'as pas à porter ça en solitaire. Tu me diras comment ça s'est passé ?"
    ),
    "en": (
        "I read your message. It sounds like things are really hard right now.\n\n"
        "You can reach out to Awel (chat: https://www.awel.be). Open now until 22:00.\n\n"
        "Can't get through? Zelfmoordlijn 1813 (phone: 1813). Reachable day and night.\n\n"
        "Are you in danger right now? Call 112 straight away.\n\n"
        "You don't have to carry this alone. Will you let me know how it went?"
    ),
}
SERVICE_SENTENCE = {"nl": "Nu open tot 22:00.", "fr": "Ouvert maintenant jusqu'à 22h00.", "en": "Open now until 22:00."}


def spoil(language: str, old: str, new: str) -> str:
    """The good message with one change; fails loudly if the change would not happen."""
    assert old in GOOD[language]
    return GOOD[language].replace(old, new)


def add(language: str, sentence: str) -> str:
    return spoil(language, SERVICE_SENTENCE[language], f"{SERVICE_SENTENCE[language]} {sentence}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_good_examples_pass(language: str) -> None:
    assert check_message(GOOD[language], language, "https://www.awel.be") == []


@pytest.mark.parametrize(
    ("language", "text", "failed"),
    [
        pytest.param("nl", add("nl", "Neem geen pillen."), ["method"], id="dutch-names-pills"),
        pytest.param("nl", add("nl", "Blijf weg van de brug."), ["method"], id="dutch-names-a-location"),
        pytest.param("nl", add("nl", "Ik zag je foto's."), ["method"], id="dutch-mentions-images"),
        pytest.param("nl", add("nl", "Heb je een mesje?"), ["method"], id="dutch-names-a-tool"),
        pytest.param("fr", add("fr", "Range la lame."), ["method"], id="french-names-a-blade"),
        pytest.param("en", add("en", "Hide the pills."), ["method"], id="english-names-pills"),
        pytest.param("en", add("en", "No farewell posts."), ["method"], id="english-mentions-farewell"),
        pytest.param("en", add("en", "Keep the poison away."), ["method"], id="english-names-poison"),
        # A service's name is where to get help: "the Poison Centre" alone passes.
        pytest.param("en", add("en", "Or call the Poison Centre."), [], id="english-names-the-poison-centre"),
        pytest.param("nl", add("nl", "Stel je niet aan."), ["judgement"], id="dutch-accuses"),
        pytest.param("fr", add("fr", "Ce n'est pas si grave."), ["judgement"], id="french-minimises"),
        pytest.param("en", add("en", "Others have it worse."), ["judgement"], id="english-compares"),
        pytest.param("nl", add("nl", "Ik zal het niemand vertellen."), ["secrecy"], id="dutch-promises-secrecy"),
        pytest.param("fr", add("fr", "Je ne le dirai à personne."), ["secrecy"], id="french-promises-secrecy"),
        pytest.param(
            "en", add("en", "I won\u2019t tell anyone."), ["secrecy"], id="english-promises-secrecy-curly-quote"
        ),
        pytest.param("nl", add("nl", "Alles komt goed."), ["promise"], id="dutch-promises-an-outcome"),
        pytest.param("en", add("en", "It will pass."), ["promise"], id="english-says-it-will-pass"),
        pytest.param(
            "nl",
            spoil("nl", "Ben je nu in gevaar? Bel meteen 112.", "Ben je nu in gevaar?"),
            ["emergency"],
            id="dutch-without-112",
        ),
        pytest.param("fr", spoil("fr", "le 112", "les secours"), ["emergency"], id="french-without-112"),
        pytest.param(
            "en",
            spoil("en", "https://www.awel.be", "their website"),
            ["service-channel"],
            id="english-without-the-channel",
        ),
        pytest.param(
            "nl",
            spoil("nl", "(telefoon: 1813)", "").replace("Zelfmoordlijn 1813", "de Zelfmoordlijn"),
            ["fallback"],
            id="dutch-without-a-24-7-line",
        ),
        pytest.param("fr", spoil("fr", "106", "un numéro"), ["fallback"], id="french-without-a-24-7-line"),
        pytest.param(
            "nl",
            spoil("nl", "Ik las je bericht. Het klinkt alsof het nu echt zwaar is.", "Hoi."),
            ["acknowledgement"],
            id="dutch-without-acknowledgement",
        ),
        pytest.param(
            "en",
            spoil("en", "Will you let me know how it went?", "Bye."),
            ["hopeful-ending"],
            id="english-without-an-invitation",
        ),
        pytest.param(
            "nl", spoil("nl", "Je hoeft dit niet alleen te dragen. ", ""), ["hopeful-ending"], id="dutch-without-hope"
        ),
        pytest.param(
            "nl",
            spoil("nl", "\n\nJe hoeft dit niet alleen te dragen. Laat je me weten hoe het ging?", ""),
            ["hopeful-ending"],
            id="dutch-ending-on-112",
        ),
        pytest.param(
            "nl",
            add("nl", "Neem geen pillen. Ik vertel het niemand.").replace("112", "een nummer"),
            ["method", "emergency", "secrecy"],
            id="dutch-failing-three-points-in-checklist-order",
        ),
    ],
)
def test_the_checker_flags_each_bad_message(language: str, text: str, failed: list[str]) -> None:
    assert check_message(text, language, "https://www.awel.be") == failed


@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param("nl", add("nl", "Ze helpen ook bij zelfverwonding."), id="dutch-names-self-harm-in-general-words"),
        pytest.param("nl", add("nl", "Ook als je jezelf wilt verwonden."), id="dutch-general-verb"),
        pytest.param("fr", add("fr", "Parle à mes amis de l'école."), id="french-mes-is-not-the-dutch-knife"),
        pytest.param("en", add("en", "Trained volunteers answer."), id="english-trained-is-not-train-tracks"),
        pytest.param(
            "nl",
            spoil("nl", "Ik las je bericht. ", "Ben je nu in gevaar? Bel 112.\n\nIk las je bericht. "),
            id="dutch-danger-line-before-the-acknowledgement",
        ),
    ],
)
def test_the_checker_allows_general_words_and_a_danger_line_first(language: str, text: str) -> None:
    assert check_message(text, language, "https://www.awel.be") == []


def test_the_checker_accepts_the_fallback_the_ranking_chose() -> None:
    text = spoil("nl", "Zelfmoordlijn 1813 (telefoon: 1813)", "Centre de Prévention du Suicide (telefoon: 0800 32 123)")

    assert check_message(text, "nl", "https://www.awel.be") == ["fallback"]
    assert check_message(text, "nl", "https://www.awel.be", fallback_values=("0800 32 123",)) == []


# -- describe_openness ----------------------------------------------------------------------------

PHONE = make_channel("phone", "1813")


@pytest.mark.parametrize(
    ("kind", "openness", "at", "expected"),
    [
        pytest.param(
            "chat",
            OPEN_UNTIL_22,
            AT,
            ("Nu open tot 22:00", "Ouvert maintenant jusqu'à 22h00", "Open now until 22:00"),
            id="open-until",
        ),
        pytest.param(
            "chat",
            Openness(True, local(2024, 12, 3, 2), None),
            AT,
            ("Nu open tot 02:00", "Ouvert maintenant jusqu'à 2h00", "Open now until 02:00"),
            id="open-past-midnight",
        ),
        pytest.param(
            "phone",
            ALWAYS_OPEN,
            AT,
            ("Dag en nacht bereikbaar", "Joignable jour et nuit", "Reachable day and night"),
            id="day-and-night",
        ),
        pytest.param(
            "chat",
            Openness(False, None, local(2024, 12, 2, 18)),
            local(2024, 12, 2, 15),
            ("Opent vandaag om 18:00", "Ouvre aujourd'hui à 18h00", "Opens today at 18:00"),
            id="opens-today",
        ),
        pytest.param(
            "phone",
            Openness(False, None, local(2024, 12, 3, 16)),
            local(2024, 12, 2, 23),
            ("Opent morgen om 16:00", "Ouvre demain à 16h00", "Opens tomorrow at 16:00"),
            id="opens-tomorrow",
        ),
        pytest.param(
            "phone",
            Openness(False, None, local(2024, 12, 3, 16)),
            local(2024, 12, 1, 22, 30),
            (
                "Opent op dinsdag 3 december om 16:00",
                "Ouvre le mardi 3 décembre à 16h00",
                "Opens on Tuesday 3 December at 16:00",
            ),
            id="opens-on-a-date",
        ),
        pytest.param(
            # 23:30 UTC on Sunday is already Monday 00:30 in Brussels: "today", not "tomorrow".
            "phone",
            Openness(False, None, local(2024, 12, 2, 16)),
            datetime(2024, 12, 1, 23, 30, tzinfo=UTC),
            ("Opent vandaag om 16:00", "Ouvre aujourd'hui à 16h00", "Opens today at 16:00"),
            id="days-counted-in-brussels",
        ),
        pytest.param(
            # The clocks go forward that night; the opening still reads in local summer time.
            "phone",
            Openness(False, None, local(2024, 3, 31, 16)),
            local(2024, 3, 30, 23),
            ("Opent morgen om 16:00", "Ouvre demain à 16h00", "Opens tomorrow at 16:00"),
            id="opens-after-the-clocks-change",
        ),
        pytest.param(
            "phone",
            Openness(False, None, None),
            AT,
            ("Nu gesloten", "Fermé pour le moment", "Closed for now"),
            id="closed-with-no-opening-known",
        ),
        pytest.param(
            "email",
            None,
            AT,
            (
                "Altijd: je krijgt later antwoord",
                "À tout moment : tu reçois une réponse plus tard",
                "Any time: you get an answer later",
            ),
            id="email-answers-later",
        ),
        pytest.param(
            "forum",
            None,
            AT,
            (
                "Altijd: je krijgt later antwoord",
                "À tout moment : tu reçois une réponse plus tard",
                "Any time: you get an answer later",
            ),
            id="forum-answers-later",
        ),
        pytest.param(
            "website",
            None,
            AT,
            ("Altijd beschikbaar", "Toujours disponible", "Always available"),
            id="website-promises-no-answer",
        ),
        pytest.param(
            "phone",
            None,
            AT,
            ("Openingsuren niet gekend", "Horaires inconnus", "Opening hours not known"),
            id="live-channel-without-hours",
        ),
    ],
)
def test_describes_openness_in_every_language(
    kind: str, openness: Openness | None, at: datetime, expected: tuple[str, str, str]
) -> None:
    choice = ChannelChoice(make_channel(kind, "x"), openness, CONFIRMED if openness is not None else None)

    assert tuple(describe_openness(choice, language, at) for language in LANGUAGES) == expected


# -- what_to_expect -------------------------------------------------------------------------------

VOLUNTEER = Text("Een vrijwilliger luistert.", "Un bénévole écoute.", "A volunteer listens.")


@pytest.mark.parametrize(
    ("service", "expected"),
    [
        pytest.param(
            make_service(expect=VOLUNTEER, accepts_third_party=True),
            (
                "Een vrijwilliger luistert. Gratis en anoniem. Je kunt hen ook contacteren over iemand anders.",
                "Un bénévole écoute. Gratuit et anonyme. Tu peux aussi les contacter au sujet de quelqu'un d'autre.",
                "A volunteer listens. Free and anonymous. You can also contact them about someone else.",
            ),
            id="curated-text-then-known-facts",
        ),
        pytest.param(
            make_service(free=True, anonymous=None), ("Gratis.", "Gratuit.", "Free of charge."), id="free-only"
        ),
        pytest.param(
            make_service(free=None, anonymous=True), ("Anoniem.", "Anonyme.", "Anonymous."), id="anonymous-only"
        ),
        pytest.param(make_service(free=False, anonymous=False), ("", "", ""), id="known-to-be-neither"),
        pytest.param(make_service(free=None, anonymous=None), ("", "", ""), id="nothing-known"),
    ],
)
def test_what_to_expect_tells_only_the_directorys_facts(service: ServiceEntry, expected: tuple[str, str, str]) -> None:
    assert tuple(what_to_expect(service, language) for language in LANGUAGES) == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("anonymous", [True, None], ids=["anonymous", "anonymity-unknown"])
def test_what_to_expect_never_says_free_when_that_is_not_known(language: str, anonymous: bool | None) -> None:
    text = what_to_expect(make_service(expect=VOLUNTEER, free=None, anonymous=anonymous), language).lower()

    assert not any(word in text for word in ("gratis", "gratuit", "free"))


def test_what_to_expect_falls_back_to_the_dutch_curated_text_and_says_so() -> None:
    service = make_service(expect=Text("Een vrijwilliger luistert."), free=None, anonymous=None)

    assert what_to_expect(service, "fr") == "En néerlandais : Een vrijwilliger luistert."
    assert what_to_expect(service, "en") == "In Dutch: Een vrijwilliger luistert."


# -- reason_text ----------------------------------------------------------------------------------

FULL_PARAMS = {
    "topic-specialised": (("topic", "zelfverwonding"),),
    "topic-general": (("topic", "zelfverwonding"),),
    "age-fits": (("minimum", "12"), ("maximum", "25")),
    "open-now": (("channel", "chat"),),
    "opens-later": (("channel", "chat"), ("when", "18:00")),
    "preferred-channel": (("channel", "chat"),),
    "free-anonymous": (),
    "free": (),
    "anonymous": (),
    "first-step-young-people": (),
    "24-7": (),
    "third-party": (),
    "language": (("language", "fr"),),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_code_has_its_own_sentence(language: str) -> None:
    generic = reason_text(Reason("no-such-code"), language)
    sentences = [reason_text(Reason(code, params), language) for code, params in FULL_PARAMS.items()]

    assert generic not in sentences
    assert len(set(sentences)) == len(sentences)
    assert not any("{" in sentence for sentence in sentences)


@pytest.mark.parametrize(
    ("opens", "expected"),
    [
        pytest.param(
            "2026-12-02T14:00:00+01:00",
            ("telefoon, vandaag om 14:00", "téléphone, aujourd'hui à 14h00", "phone, today at 14:00"),
            id="today",
        ),
        pytest.param(
            "2026-12-03T16:00:00+01:00",
            ("telefoon, morgen om 16:00", "téléphone, demain à 16h00", "phone, tomorrow at 16:00"),
            id="tomorrow",
        ),
        pytest.param(
            "2026-12-07T16:00:00+01:00",
            (
                "telefoon, maandag 7 december om 16:00",
                "téléphone, le lundi 7 décembre à 16h00",
                "phone, on Monday 7 December at 16:00",
            ),
            id="another-day",
        ),
    ],
)
def test_a_reason_says_when_a_line_opens_as_its_card_does(opens: str, expected: tuple[str, str, str]) -> None:
    # 09:00 in Brussels: the card says "Opent vandaag om 14:00", so the reason must not name the date.
    at = datetime(2026, 12, 2, 9, 0, tzinfo=BRUSSELS)
    reason = Reason("opens-later", (("channel", "phone"), ("when", opens)))

    for language, said in zip(LANGUAGES, expected, strict=True):
        assert reason_text(reason, language, at).endswith(said)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param(
            Reason("open-now", (("channel", "phone"),)),
            ("Nu open: telefoon", "Ouvert maintenant : téléphone", "Open now: phone"),
            id="open-now-names-the-channel",
        ),
        pytest.param(
            Reason("opens-later", (("channel", "walk-in"), ("when", "18:00"))),
            ("Later open: langsgaan, 18:00", "Ouvre plus tard : sur place, 18:00", "Opens later: walk-in, 18:00"),
            id="opens-later",
        ),
        pytest.param(
            Reason("preferred-channel", (("channel", "sms"),)),
            ("Zoals je het liefst wilt: sms", "Comme tu préfères : SMS", "The way you prefer: text message"),
            id="preferred-channel",
        ),
        pytest.param(
            Reason("topic-specialised", (("topic", "zelfverwonding"),)),
            (
                "Gespecialiseerd in dit onderwerp: zelfverwonding",
                "Spécialisé dans ce sujet : zelfverwonding",
                "Specialised in this topic: zelfverwonding",
            ),
            id="topic-specialised",
        ),
        pytest.param(
            Reason("age-fits", (("minimum", "12"), ("maximum", "25"))),
            (
                "Past bij de leeftijd: van 12 tot 25 jaar",
                "Adapté à l'âge : de 12 à 25 ans",
                "Fits the age: ages 12 to 25",
            ),
            id="age-between",
        ),
        pytest.param(
            Reason("age-fits", (("minimum", "12"), ("maximum", ""))),
            (
                "Past bij de leeftijd: vanaf 12 jaar",
                "Adapté à l'âge : à partir de 12 ans",
                "Fits the age: ages 12 and up",
            ),
            id="age-from",
        ),
        pytest.param(
            Reason("age-fits", (("minimum", ""), ("maximum", "25"))),
            ("Past bij de leeftijd: tot 25 jaar", "Adapté à l'âge : jusqu'à 25 ans", "Fits the age: up to age 25"),
            id="age-up-to",
        ),
        pytest.param(
            Reason("age-fits", (("minimum", ""), ("maximum", ""))),
            ("Past bij de leeftijd", "Adapté à l'âge", "Fits the age"),
            id="age-unbounded",
        ),
        pytest.param(
            Reason("language", (("language", "fr"),)),
            ("Hulp in het Frans", "Aide en français", "Help in French"),
            id="language-named-in-the-text-language",
        ),
        pytest.param(
            Reason("24-7"),
            ("Dag en nacht bereikbaar", "Joignable jour et nuit", "Reachable day and night"),
            id="day-and-night",
        ),
        pytest.param(
            Reason("first-step-young-people"),
            (
                "De Vlaamse hulplijnen spraken af dat dit de eerste stap is voor kinderen en jongeren",
                "Les lignes d'écoute flamandes ont convenu que c'est le premier pas pour les enfants et les jeunes",
                "Flemish helplines agreed that this is the first step for children and young people",
            ),
            id="first-step",
        ),
        pytest.param(
            Reason("open-now"),
            ("Past bij wat je zoekt", "Correspond à ce que tu cherches", "Fits what you are looking for"),
            id="missing-parameter-reads-generic",
        ),
        pytest.param(
            Reason("topic-general", (("topic", ""),)),
            ("Past bij wat je zoekt", "Correspond à ce que tu cherches", "Fits what you are looking for"),
            id="empty-parameter-reads-generic",
        ),
        pytest.param(
            Reason("new-code", (("x", "y"),)),
            ("Past bij wat je zoekt", "Correspond à ce que tu cherches", "Fits what you are looking for"),
            id="unknown-code-reads-generic",
        ),
    ],
)
def test_reason_text(reason: Reason, expected: tuple[str, str, str]) -> None:
    assert tuple(reason_text(reason, language) for language in LANGUAGES) == expected


# -- helper guidance and emergency ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        pytest.param("nl", ("alleen", "grenzen", "platform", "112", "Zelfmoordlijn", "geheim", "later"), id="dutch"),
        pytest.param(
            "fr", ("toi-même", "limites", "plateforme", "112", "Zelfmoordlijn", "secret", "plus tard"), id="fr"
        ),
        pytest.param(
            "en", ("alone", "boundaries", "platform", "112", "Zelfmoordlijn", "secret", "later"), id="english"
        ),
    ],
)
def test_helper_guidance_covers_each_point_in_its_own_line(language: str, words: tuple[str, ...]) -> None:
    guidance = helper_guidance(language, (LINE_1813,))

    assert len(guidance) == len(words)
    assert all(word in line for word, line in zip(words, guidance, strict=True))


@pytest.mark.parametrize(
    ("language", "say"),
    [
        pytest.param("nl", ("waar je bent", "wat er gebeurd is", "gewond", "wie je bent", "Leg niet in"), id="dutch"),
        pytest.param("fr", ("où tu es", "ce qui s'est passé", "blessé", "qui tu es", "Ne raccroche pas"), id="french"),
        pytest.param("en", ("where you are", "what happened", "hurt", "who you are", "Don't hang up"), id="english"),
    ],
)
def test_emergency_text_says_whom_to_call_and_what_to_tell(language: str, say: tuple[str, ...]) -> None:
    text = emergency_text(language)

    assert "112" in text
    assert "101" in text
    assert all(part in text for part in say)


def test_guidance_and_emergency_fall_back_to_dutch() -> None:
    assert helper_guidance("de") == helper_guidance("nl")
    assert emergency_text("de") == emergency_text("nl")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_message_leaves_out_that_helpers_may_call_about_someone_else(language: str) -> None:
    text = compose_case("danger-now", language, "self")
    third_party = what_to_expect(LINE_1813.service, language).split(". ")[-1]

    assert third_party not in text
    assert what_to_expect(LINE_1813.service, language).startswith(
        ("Gratis en anoniem.", "Gratuit et anonyme.", "Free and anonymous.")
    )


@pytest.mark.parametrize(
    ("language", "curated", "cost"),
    [
        ("fr", "Des bénévoles t'écoutent, gratuitement et anonymement.", "Gratuit et anonyme"),
        ("en", "Volunteers listen anonymously, at no cost.", "Free and anonymous"),
    ],
)
def test_free_and_anonymous_is_not_said_again_after_the_curated_text_says_it_in_other_words(
    language: str, curated: str, cost: str
) -> None:
    said = Text("Vrijwilligers luisteren, gratis en anoniem.", **{language: curated})
    service = replace(LINE_1813.service, what_to_expect=said, free=True, anonymous=True)

    text = what_to_expect(service, language)

    assert text.startswith(curated)
    assert cost not in text


def test_the_checker_checks_the_exact_channel_only_when_it_is_given() -> None:
    text = spoil("en", "https://www.awel.be", "their website")

    assert check_message(text, "en") == []
    assert check_message(text, "en", "https://www.awel.be") == ["service-channel"]


# -- Certainty, danger voice, self-harm and the guidance's lines -----------------------------------

CONFIRMED_OPEN = Openness(open_now=True, closes_at=local(2024, 12, 2, 22), next_open_at=None)  # AT, until 22:00


@pytest.mark.parametrize(
    ("certainty", "expected"),
    [
        pytest.param(CONFIRMED, "Nu open tot 22:00", id="confirmed"),
        pytest.param(Certainty(False, "secondary"), "Meestal open tot 22:00 (nog niet bevestigd)", id="secondary"),
        pytest.param(
            Certainty(False, "historical"), "Misschien open tot 22:00: deze uren zijn oud en niet bevestigd", id="old"
        ),
    ],
)
def test_only_confirmed_hours_say_open_now(certainty: Certainty, expected: str) -> None:
    choice = ChannelChoice(make_channel("chat", "x"), CONFIRMED_OPEN, certainty)

    assert describe_openness(choice, "nl", AT) == expected


def test_a_holiday_of_unknown_behaviour_says_possibly_closed_and_the_next_certain_opening() -> None:
    state = Openness(open_now=None, closes_at=None, next_open_at=datetime(2026, 12, 26, 10, 0, tzinfo=BRUSSELS))
    choice = ChannelChoice(make_channel("phone", "x"), state, Certainty(False, "holiday-unknown"))

    assert describe_openness(choice, "nl", datetime(2026, 12, 25, 12, 0, tzinfo=BRUSSELS)) == (
        "Vandaag is een feestdag: mogelijk gesloten. Opent morgen om 10:00"
    )


def test_danger_for_oneself_is_said_in_the_first_person() -> None:
    assert emergency_text("nl", "self").startswith("Bel 112. Ben je alleen? Ga naar iemand in je buurt")
    assert "de persoon" not in emergency_text("nl", "self")
    assert "Blijf in contact met de persoon" in emergency_text("nl", "someone_else")


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_harm_alone_names_the_suicide_line_only_conditionally(language: str) -> None:
    ranking = CASES["awel-chat-open-now"].ranking
    listening = replace(
        ranking, fallback=replace(ranking.fallback, service=replace(ranking.fallback.service, slug="tele-onthaal"))
    )

    text = compose(listening, make_answers(language=language), language, AT)

    assert paragraphs(text)[-3].startswith(SUICIDE_LINE_IF.get(language)[:10])
    assert check_message(text, language) == []
