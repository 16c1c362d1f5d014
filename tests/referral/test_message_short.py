"""The short message (`message_short`): the referral in few words for a DM, first on the page and in
the widget. It passes the same safe-messaging checklist as the long one, names the open channel with
its number or link and when it closes, and stays under 400 characters in Dutch on the real directory."""

from __future__ import annotations

from datetime import datetime
from itertools import product
from zoneinfo import ZoneInfo

import pytest

from referral.messages import TWENTY_FOUR_SEVEN_NUMBERS, check_message, compose, compose_short
from referral.suggest import suggest, topic_slugs, triage_answer
from referral.triage import Answers
from tests.referral.test_messages import AWEL_CHAT, CASES, FOR_WHOM, LANGUAGES, LINE_1813, make_answers, make_ranking

BRUSSELS = ZoneInfo("Europe/Brussels")
AT = datetime(2024, 12, 2, 19, tzinfo=BRUSSELS)
DUTCH_LIMIT = 400


def short_case(name: str, language: str, for_whom: str) -> str:
    case = CASES[name]
    return compose_short(case.ranking, make_answers(for_whom, case.danger_now, language), language, AT)


@pytest.mark.parametrize(("name", "language", "for_whom"), list(product(CASES, LANGUAGES, FOR_WHOM)))
def test_every_short_message_passes_the_checklist_and_is_shorter_than_the_long_one(
    name: str, language: str, for_whom: str
) -> None:
    case = CASES[name]
    short = short_case(name, language, for_whom)
    channel = case.ranking.suggestions[0].channel.channel.value
    assert check_message(short, language, channel_value=channel) == []
    long = compose(case.ranking, make_answers(for_whom, case.danger_now, language), language, AT)
    assert len(short) < len(long)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_short_message_names_the_open_chat_with_its_link_and_closing_time(language: str) -> None:
    short = compose_short(make_ranking(AWEL_CHAT, LINE_1813), make_answers(language=language), language, AT)
    referral = short.split("\n\n")[0]
    assert "https://www.awel.be" in referral
    assert ("22h00" if language == "fr" else "22:00") in referral
    assert "1813" in referral  # the 24/7 line, in the same paragraph
    # What happens there is for the long message and the card, not for a DM.
    assert not {"vrijwilliger", "bénévole", "volunteer"} & set(short.replace(".", " ").split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_in_danger_the_short_message_starts_with_112(language: str) -> None:
    assert "112" in short_case("danger-now-with-awel", language, "someone_else").split("\n\n")[0]
    assert "112" not in short_case("awel-chat-open-now", language, "someone_else").split("\n\n")[0]


def test_the_24_7_line_is_not_repeated_when_it_is_the_first_suggestion() -> None:
    assert short_case("first-suggestion-is-the-fallback", "nl", "self").count("1813") == 2  # name and number, once


@pytest.mark.usefixtures("directory_data")
def test_on_the_real_directory_every_dutch_short_message_passes_and_stays_under_400_characters() -> None:
    """Every topic x for whom x danger x age x a few moments (one test: the grid is built once)."""
    moments = [datetime(2026, 12, 8, hour, 30, tzinfo=BRUSSELS) for hour in (3, 11, 16, 20, 23)]
    moments.append(datetime(2026, 12, 13, 15, tzinfo=BRUSSELS))  # a Sunday afternoon
    topics = sorted(topic_slugs())
    assert topics, "the real directory has topics"
    for topic, for_whom, danger, age, at in product(topics, FOR_WHOM, (False, True), (14, None), moments):
        answers = Answers(age=age, topics=(topic,), danger_now=danger, for_whom=for_whom, language="nl")
        ranking = suggest(answers, at)
        short = triage_answer(answers, at)["message_short"]
        case = (topic, for_whom, danger, age, f"{at:%a %H:%M}", short)
        # The 24/7 line is the one the ranking chose (116 000 for a missing child), as in the long message.
        fallbacks = (*TWENTY_FOUR_SEVEN_NUMBERS, ranking.fallback.channel.channel.value)
        first = ranking.suggestions[0].channel.channel.value
        assert check_message(short, "nl", channel_value=first, fallback_values=fallbacks) == [], case
        assert len(short) < DUTCH_LIMIT, (len(short), *case)
