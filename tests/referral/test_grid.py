"""Every statement as certain as its facts, over a grid of answers on the real directory.

The grid is every topic x ages (unknown, 9, 13, 16, 19, 30, 55) x both `for_whom` x danger on and
off x nl/fr/en x moments that include a Sunday night, a public holiday (25 December) and the
spring-forward gap. It is computed ONCE per module: the pure ranking on the snapshot (no HTTP per
case), then the one answer builder (`build_answer`) that the API, the page and the widget share.
Each test asserts one invariant over the whole grid and names the first cases that break it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from directory.entries import LANGUAGES
from directory.hours import UNCERTAIN_HISTORICAL, UNCERTAIN_HOLIDAY
from directory.snapshot import build_catalog
from referral.answer import build_answer
from referral.messages import HEAVY_TOPICS, TWENTY_FOUR_SEVEN_NUMBERS, check_message
from referral.ranking import Ranking, index_catalog, rank
from referral.triage import FOR_WHOM, Answers

# The marker makes pytest-django set up the test database the module fixture reads once.
pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
AGES = (None, 9, 13, 16, 19, 30, 55)
MOMENTS = {
    "tuesday evening": datetime(2026, 12, 8, 20, 30, tzinfo=BRUSSELS),
    "sunday night": datetime(2026, 12, 13, 23, 30, tzinfo=BRUSSELS),
    "christmas evening": datetime(2026, 12, 25, 20, 30, tzinfo=BRUSSELS),
    # 02:30 does not exist on 28 March 2027 in Brussels: the zone reads it as 03:30 CEST.
    "dst gap": datetime(2027, 3, 28, 2, 30, tzinfo=BRUSSELS),
}
# What only confirmed hours may say (describe_openness and the reasons).
CONFIRMED_WORDS = ("Nu open", "Ouvert maintenant", "Open now")
DAY_AND_NIGHT_WORDS = ("Dag en nacht bereikbaar", "Joignable jour et nuit", "Reachable day and night")
# The heaviest acknowledgement: only for self-harm, suicidal thoughts and violence (HEAVY_TOPICS).
HEAVY_WORDS = ("echt zwaar", "vraiment dur", "really hard")


@dataclass(frozen=True)
class Case:
    topic: str
    age: int | None
    for_whom: str
    danger_now: bool
    language: str
    moment: str
    ranking: Ranking
    answer: dict[str, Any]

    def __str__(self) -> str:
        danger = "danger" if self.danger_now else "no danger"
        return f"{self.topic}, age {self.age}, {self.for_whom}, {danger}, {self.language}, {self.moment}"


@pytest.fixture(scope="module")
def grid(django_db_setup: None, django_db_blocker: Any) -> list[Case]:
    with django_db_blocker.unblock():
        catalog = build_catalog()
    index = index_catalog(catalog)
    cases = []
    for topic, age, for_whom, danger_now, moment in product(
        sorted(catalog.topic_slugs), AGES, FOR_WHOM, (False, True), MOMENTS
    ):
        at = MOMENTS[moment]
        answers = Answers(age=age, topics=(topic,), danger_now=danger_now, for_whom=for_whom, at=at)
        ranking = rank(answers, index, at)  # the same for every language: texts come after
        for language in LANGUAGES:
            spoken = Answers(age=age, topics=(topic,), danger_now=danger_now, for_whom=for_whom, language=language)
            answer = build_answer(ranking, spoken, at, catalog.topic_names)
            cases.append(Case(topic, age, for_whom, danger_now, language, moment, ranking, answer))
    return cases


def cards(answer: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every suggestion card of an answer: the suggestions, the emergency's 24/7 line, the helper's."""
    yield from answer["suggestions"]
    if answer["emergency"] and answer["emergency"]["also"]:
        yield answer["emergency"]["also"]
    if answer["for_helper"]:
        yield from answer["for_helper"]["services"]


def channels(answer: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for card in cards(answer):
        yield card["channel"]
        yield from card["other_channels"]


def failures(grid: list[Case], broken: Any) -> list[str]:
    found = []
    for case in grid:
        problem = broken(case)
        if problem:
            found.append(f"{case}: {problem}")
    return found[:5]


def test_the_grid_covers_every_topic_age_voice_danger_language_and_moment(grid: list[Case]) -> None:
    topics = {case.topic for case in grid}
    assert len(topics) >= 17
    assert len(grid) == len(topics) * len(AGES) * 2 * 2 * len(LANGUAGES) * len(MOMENTS)


def test_every_message_passes_the_safe_messaging_checker(grid: list[Case]) -> None:
    # The checker is a pure function and the grid's 17,000 messages hold about a thousand distinct
    # ones: each distinct (text, language, channel, 24/7 lines) is checked once, every case is looked up.
    checked: dict[tuple[str, str, str | None, tuple[str, ...]], list[str]] = {}

    def broken(case: Case) -> str:
        texts = [(case.answer["message"], None)]
        texts += [(card["message"], card["channel"]["value"]) for card in cards(case.answer) if card["message"]]
        # The 24/7 line the ranking chose for this worry (106, 1813, or 116 000 for a runaway).
        lines = (*TWENTY_FOUR_SEVEN_NUMBERS, case.ranking.fallback.channel.channel.value)
        for text, value in texts:
            key = (text, case.language, value, lines)
            if key not in checked:
                checked[key] = check_message(*key)
            if checked[key]:
                return f"{checked[key]} in {text!r}"
        return ""

    assert failures(grid, broken) == []


def test_no_open_now_on_unconfirmed_or_historical_hours_without_the_qualifier(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        for card in cards(case.answer):
            channel = card["channel"]
            if channel["hours_confirmed"] is True:
                continue
            if channel["when"].startswith(CONFIRMED_WORDS) or channel["when"] in DAY_AND_NIGHT_WORDS:
                return f"{card['service']['slug']}: {channel['when']!r} on unconfirmed hours"
            if {"open-now", "24-7"} & {reason["code"] for reason in card["reasons"]}:
                return f"{card['service']['slug']}: a confirmed open-now reason on unconfirmed hours"
        return ""

    assert failures(grid, broken) == []


def test_no_open_now_on_a_holiday_of_unknown_behaviour(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        for channel in channels(case.answer):
            if channel["hours_uncertain"] == UNCERTAIN_HOLIDAY and channel["open_now"] is not None:
                return f"{channel['value']}: open_now {channel['open_now']} on a holiday nobody knows about"
        return ""

    assert failures(grid, broken) == []
    christmas = [case for case in grid if case.moment.startswith("christmas")]
    for case in christmas:
        for channel in channels(case.answer):
            if channel["value"] == "1712":
                assert channel["open_now"] is False, case  # closed on public holidays: working days only


def test_no_card_appears_twice_in_one_answer(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        shown = [card["service"]["slug"] for card in case.answer["suggestions"]]
        if case.answer["emergency"] and case.answer["emergency"]["also"]:
            shown.append(case.answer["emergency"]["also"]["service"]["slug"])
        return "" if len(shown) == len(set(shown)) else f"twice: {shown}"

    assert failures(grid, broken) == []


def test_no_topic_claim_without_a_link(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        for suggestion in (*case.ranking.suggestions, *case.ranking.for_helper, case.ranking.fallback):
            for reason in suggestion.reasons:
                topic = dict(reason.params).get("topic")
                if reason.code.startswith("topic-") and suggestion.service.topic(topic or "") is None:
                    return f"{suggestion.service.slug} claims {topic}"
        return ""

    assert failures(grid, broken) == []


def test_only_a_card_reachable_now_carries_a_message(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        for card in cards(case.answer):
            channel = card["channel"]
            reachable = channel["open_now"] is True and channel["hours_uncertain"] != UNCERTAIN_HISTORICAL
            if (card["message"] is not None) != reachable:
                return f"{card['service']['slug']}: message {card['message'] is not None}, reachable {reachable}"
        return ""

    assert failures(grid, broken) == []


def test_the_first_suggestion_is_reachable_now_and_carries_the_message(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        first = case.answer["suggestions"][0]
        if first["message"] is None:
            return f"{first['service']['slug']} is first but not reachable: {first['channel']['when']!r}"
        return "" if first["message"] == case.answer["message"] else "the answer's message is not the first card's"

    assert failures(grid, broken) == []


def test_danger_for_oneself_is_in_the_first_person(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        emergency = case.answer["emergency"]
        if not case.danger_now:
            return "" if emergency is None else "an emergency block without danger"
        first_person = case.for_whom == "self"
        said = emergency["what_to_say"]
        bystander = any(words in said for words in ("de persoon", "la personne", "the person"))
        return f"{case.for_whom}: {said!r}" if first_person == bystander else ""

    assert failures(grid, broken) == []


def test_self_harm_alone_falls_back_on_a_listening_line(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        if case.topic != "self-harm":
            return ""
        fallback = case.ranking.fallback.service
        return "" if fallback.topic("suicidal-thoughts") is None else f"fallback {fallback.slug}"

    assert failures(grid, broken) == []


def test_topic_links_a_professional_would_sign(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        shown = {card["service"]["slug"] for card in case.answer["suggestions"]}
        if "lumi" in shown and case.topic != "identity-lgbtqi" and case.topic != "relationships-sexuality":
            return "Lumi outside gender and sexual identity"
        if "child-focus" in shown and case.age is not None and case.age >= 18:
            return "Child Focus for an adult"
        if "antigifcentrum" in shown and case.topic != "poisoning":
            return "the poison centre as a listening line"
        return ""

    assert failures(grid, broken) == []


def test_a_poisoning_question_goes_to_the_poison_centre_and_danger_to_112_first(grid: list[Case]) -> None:
    def broken(case: Case) -> str:
        if case.topic != "poisoning":
            return ""
        if case.danger_now and case.answer["emergency"]["channel"]["value"] != "112":
            return "no 112 in danger"
        first = case.answer["suggestions"][0]["service"]["slug"]
        return "" if first == "antigifcentrum" else f"first: {first}"

    assert failures(grid, broken) == []


def test_the_weight_of_the_words_fits_the_topic(grid: list[Case]) -> None:
    """'Echt zwaar' for self-harm, suicidal thoughts and violence; never for school, relationships or
    'other'; in the long message, the short one and every card's."""

    def broken(case: Case) -> str:
        texts = [case.answer["message"], case.answer["message_short"]]
        texts += [card["message"] for card in cards(case.answer) if card["message"]]
        heavy = case.topic in HEAVY_TOPICS
        for text in texts:
            said = any(words in text for words in HEAVY_WORDS)
            if said and not heavy:
                return f"heavy words about {case.topic}: {text[:80]!r}"
            # A helper writing about something heavy says so, in few words too.
            if heavy and not said and case.for_whom == "someone_else":
                return f"light words about {case.topic}: {text[:80]!r}"
        return ""

    assert failures(grid, broken) == []


READING_WORDS = ("niet officieel", "non officiel", "not official")


def test_age_readings_are_said_as_readings(grid: list[Case]) -> None:
    """Bounds no source states (Awel, CLBch@t: "up to 25") never read as an official range."""

    def broken(case: Case) -> str:
        entries = {s.service.slug: s.service for s in (*case.ranking.suggestions, *case.ranking.for_helper)}
        for card in cards(case.answer):
            entry = entries.get(card["service"]["slug"])
            for reason in card["reasons"]:
                if reason["code"] != "age-fits" or entry is None:
                    continue
                if entry.age_is_reading != any(words in reason["text"] for words in READING_WORDS):
                    return f"{entry.slug}: {reason['text']!r}"
        return ""

    assert failures(grid, broken) == []
    readings = {s.service.slug for case in grid for s in case.ranking.suggestions if s.service.age_is_reading}
    assert {"awel", "clbchat"} <= readings  # the grid does meet them


def test_a_young_helper_gets_awel_and_an_adult_does_not(grid: list[Case]) -> None:
    """A 14-year-old asking for a friend: Awel (open on a Tuesday evening) is among the lines for the
    helper, named for young helpers; with an adult or unknown age it is not a line for the helper."""

    def broken(case: Case) -> str:
        if case.for_whom != "someone_else":
            return ""
        helpers = {card["service"]["slug"] for card in case.answer["for_helper"]["services"]}
        young = case.age is not None and case.age <= 25
        if "awel" in helpers and not young:
            return f"Awel for the helper at age {case.age}"
        if young and case.age <= 17 and case.moment == "tuesday evening" and case.language == "nl":
            said = " ".join(case.answer["for_helper"]["guidance"])
            if "awel" not in helpers or "Ben je zelf jong? Dan kun je ook bij Awel" not in said:
                return f"no Awel for a young helper: {sorted(helpers)}"
        return ""

    assert failures(grid, broken) == []
