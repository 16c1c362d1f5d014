"""Ranking: the rules of docs/ranking.md as named cases, on a directory like the real Flemish one.

Pure: no Django and no database. Hours come from shared/reference/flemish-services.md (Brussels time).
"""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.entries import Catalog, ChannelEntry, ServiceEntry, Text, TopicLink
from directory.hours import (
    HISTORICAL,
    HOLIDAY_STATES,
    HOLIDAYS_CLOSED,
    HOLIDAYS_OPEN,
    HOLIDAYS_UNKNOWN,
    PRIMARY_DATED,
    SECONDARY,
    UNCERTAIN_HOLIDAY,
    UNCERTAIN_SECONDARY,
    Certainty,
    DateException,
    Schedule,
    WeeklySlot,
    is_open,
    openness,
)
from referral import candidates, ranking
from referral.candidates import CatalogIndex
from referral.ranking import Ranking, Suggestion, index_catalog, rank
from referral.triage import Answers

BRUSSELS = ZoneInfo("Europe/Brussels")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TOPICS = (
    "self-harm", "suicidal-thoughts", "feeling-down", "violence-abuse", "sexual-violence", "bullying", "family",
    "relationships-sexuality", "loneliness", "drugs-alcohol", "eating", "identity-lgbtqi", "online-harm",
    "missing-runaway", "grief", "school", "other",
)  # fmt: skip

# Moments of the worked examples in docs/ranking.md (no public holiday on these dates).
TUESDAY_EVENING = datetime(2026, 3, 10, 20, 30, tzinfo=BRUSSELS)
TUESDAY_SEVEN_PM = datetime(2026, 3, 10, 19, 0, tzinfo=BRUSSELS)
SUNDAY_NIGHT = datetime(2026, 3, 15, 3, 0, tzinfo=BRUSSELS)
WEDNESDAY_MORNING = datetime(2026, 3, 11, 11, 0, tzinfo=BRUSSELS)
THURSDAY_AFTERNOON = datetime(2026, 3, 12, 14, 0, tzinfo=BRUSSELS)


# -- Helpers ---------------------------------------------------------------------------------------


def days(spec: str) -> tuple[int, ...]:
    """'mon-fri', 'mon,wed,thu' or 'daily' as weekday numbers."""
    if spec == "daily":
        return tuple(range(7))
    if "-" in spec:
        first, last = spec.split("-")
        return tuple(range(DAYS.index(first), DAYS.index(last) + 1))
    return tuple(DAYS.index(day) for day in spec.split(","))


def make_schedule(
    *rows: tuple[str, str, str], public_holidays: str = HOLIDAYS_OPEN, confidence: str = PRIMARY_DATED
) -> Schedule:
    """Rows such as ("mon-sat", "18:00", "22:00"); "00:00"-"00:00" is a whole day."""
    return Schedule(
        time_zone="Europe/Brussels",
        weekly=tuple(
            # Confirmed hours unless a test says otherwise: most rules here are not about certainty.
            WeeklySlot(day, time.fromisoformat(opens), time.fromisoformat(closes), confidence)
            for spec, opens, closes in rows
            for day in days(spec)
        ),
        public_holidays=public_holidays,
    )


DAY_AND_NIGHT = (("daily", "00:00", "00:00"),)


def make_channel(
    kind: str,
    value: str = "",
    *rows: tuple[str, str, str],
    public_holidays: str = HOLIDAYS_OPEN,
    confidence: str = PRIMARY_DATED,
) -> ChannelEntry:
    """A channel; with rows it has weekly hours, without it has none (e-mail, forum, website)."""
    href = {"phone": f"tel:{value.replace(' ', '')}", "email": f"mailto:{value}"}.get(kind, value)
    schedule = make_schedule(*rows, public_holidays=public_holidays, confidence=confidence) if rows else None
    return ChannelEntry(kind=kind, value=value, href=href, schedule=schedule)


def make_service(
    slug: str,
    *channels: ChannelEntry,
    kind: str = "helpline",
    primary: Iterable[str] = (),
    also: Iterable[str] = (),
    languages: tuple[str, ...] = ("nl",),
    minimum_age: int | None = None,
    maximum_age: int | None = None,
    free: bool | None = True,
    anonymous: bool | None = True,
    third_party: bool = False,
    first_step: bool = False,
) -> ServiceEntry:
    return ServiceEntry(
        slug=slug,
        name=slug.replace("-", " ").title(),
        organisation=slug,
        kind=kind,
        summary=Text(f"{slug} summary"),
        what_to_expect=Text(f"{slug} what to expect"),
        url=f"https://example.org/{slug}",
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        topics=tuple(TopicLink(topic, True) for topic in primary) + tuple(TopicLink(topic, False) for topic in also),
        languages=languages,
        free=free,
        anonymous=anonymous,
        accepts_third_party=third_party,
        channels=channels,
        first_step_for_young_people=first_step,
    )


def make_answers(
    *topics: str,
    age: int | None = None,
    danger_now: bool = False,
    for_whom: str = "self",
    channels: tuple[str, ...] = (),
    language: str = "nl",
    limit: int = 3,
) -> Answers:
    return Answers(
        age=age,
        topics=topics,
        danger_now=danger_now,
        for_whom=for_whom,
        channels=channels,
        language=language,
        limit=limit,
    )


def flemish_services() -> tuple[ServiceEntry, ...]:
    """About 25 services shaped like the real directory (flemish-services.md), hours included."""
    return (
        make_service(
            "awel",
            make_channel(
                "phone", "102",
                ("mon,tue,thu,fri", "16:00", "22:00"), ("wed,sat", "14:00", "22:00"),
                public_holidays=HOLIDAYS_CLOSED,
            ),
            make_channel("chat", "https://www.awel.be", ("mon-sat", "18:00", "22:00"), public_holidays=HOLIDAYS_CLOSED),
            make_channel("email", "brievenbus@awel.be"),
            make_channel("forum", "https://www.awel.be"),
            primary=("other",),
            also=("self-harm", "suicidal-thoughts", "feeling-down", "bullying", "family", "relationships-sexuality",
                  "loneliness", "school", "online-harm"),
            third_party=True,
            first_step=True,
        ),
        make_service(
            "tele-onthaal",
            make_channel("phone", "106", *DAY_AND_NIGHT),
            make_channel("chat", "https://www.tele-onthaal.be",
                         ("mon,tue,thu,fri,sat", "18:00", "23:00"), ("wed,sun", "15:00", "23:00")),
            primary=("other",),
            also=("feeling-down", "loneliness", "grief", "family", "relationships-sexuality"),
        ),
        make_service(
            "zelfmoordlijn-1813",
            make_channel("phone", "1813", *DAY_AND_NIGHT),
            make_channel("chat", "https://www.zelfmoord1813.be", ("daily", "17:00", "00:00")),
            make_channel("email", "https://www.zelfmoord1813.be"),
            primary=("suicidal-thoughts",),
            also=("self-harm", "grief"),
            third_party=True,
        ),
        make_service(
            "1712",
            make_channel("phone", "1712", ("mon-fri", "09:00", "17:00"), public_holidays=HOLIDAYS_CLOSED),
            make_channel("chat", "https://www.1712.be/nl/chat-met-1712", ("mon-thu", "18:00", "22:00")),
            make_channel("email", "https://www.1712.be"),
            primary=("violence-abuse", "sexual-violence"),
            also=("bullying", "family"),
            third_party=True,
        ),
        make_service(
            "jac",
            make_channel("chat", "https://www.caw.be", ("mon-fri", "11:00", "20:00")),
            make_channel("phone", "regional numbers", ("mon-wed", "10:00", "17:00"), ("thu,fri", "10:00", "12:00")),
            make_channel("walk-in", "local JAC locations"),
            make_channel("email", "jac@example.org"),
            kind="walk-in",
            primary=("other",),
            also=("feeling-down", "family", "relationships-sexuality", "drugs-alcohol", "bullying", "violence-abuse",
                  "school", "self-harm"),
            minimum_age=12,
            maximum_age=25,
            third_party=True,
        ),
        make_service(
            "caw",
            make_channel("phone", "regional numbers", ("mon-fri", "09:00", "16:00")),
            make_channel("chat", "https://www.caw.be", ("mon-fri", "11:00", "17:00"), ("mon-fri", "19:00", "20:00")),
            make_channel("walk-in", "local onthaal"),
            kind="walk-in",
            primary=("other",),
            also=("family", "relationships-sexuality", "violence-abuse", "feeling-down"),
            minimum_age=25,
            third_party=True,
        ),
        make_service(
            "child-focus",
            make_channel("phone", "116000", *DAY_AND_NIGHT),
            primary=("missing-runaway", "online-harm"),
            also=("sexual-violence",),
            languages=("nl", "fr", "de", "en"),
            anonymous=None,
            third_party=True,
        ),
        make_service(
            "druglijn",
            make_channel("phone", "078 15 10 20", ("mon-fri", "10:00", "20:00")),
            make_channel("chat", "https://www.druglijn.be/stel-je-vraag/chat/", ("mon-fri", "12:00", "18:00")),
            make_channel("email", "https://www.druglijn.be"),
            primary=("drugs-alcohol",),
            free=None,
            third_party=True,
        ),
        make_service(
            "nupraatikerover",
            make_channel("chat", "https://www.nupraatikerover.be", ("mon-thu", "19:00", "22:00")),
            primary=("violence-abuse", "sexual-violence"),
        ),
        make_service(
            "lumi",
            make_channel("phone", "0800 99 533", ("mon", "18:30", "21:30")),
            make_channel("chat", "https://www.lumi.be", ("mon,wed,thu", "18:30", "21:30")),
            make_channel("email", "lumi@example.org"),
            primary=("identity-lgbtqi",),
            free=None,
            third_party=True,
        ),
        make_service(
            "tejo",
            make_channel("walk-in", "TEJO houses"),
            make_channel("email", "tejo@example.org"),
            kind="walk-in",
            primary=("feeling-down",),
            also=("family", "self-harm", "loneliness"),
            minimum_age=10,
            maximum_age=20,
        ),
        make_service(
            "overkop",
            make_channel("chat", "https://www.overkop.be", ("daily", "18:00", "22:00")),
            make_channel("walk-in", "OverKop houses"),
            kind="walk-in",
            primary=("feeling-down",),
            also=("loneliness", "self-harm"),
            minimum_age=12,
            maximum_age=25,
        ),
        make_service(
            "clbchat",
            make_channel("chat", "https://www.clbchat.be",
                         ("mon,tue,thu", "17:00", "21:00"), ("wed", "14:00", "21:00")),
            primary=("school",),
            also=("bullying", "feeling-down", "family"),
            minimum_age=9,
            maximum_age=18,
            third_party=True,
        ),
        make_service(
            "cps-0800-32-123",
            make_channel("phone", "0800 32 123", *DAY_AND_NIGHT),
            primary=("suicidal-thoughts",),
            also=("grief",),
            languages=("fr",),
            third_party=True,
        ),
        make_service(
            "eetexpert",
            make_channel("phone", "eetexpert helpdesk", ("mon-fri", "09:00", "17:00")),
            make_channel("email", "eetexpert@example.org"),
            primary=("eating",),
            free=None,
            anonymous=None,
            third_party=True,
        ),
        make_service(
            "onlinepsyhulp",
            make_channel("website", "https://example.org/onlinepsyhulp"),
            primary=("feeling-down",),
            also=("self-harm", "drugs-alcohol"),
            minimum_age=16,
            maximum_age=23,
            anonymous=None,
        ),
        make_service(
            "fara",
            make_channel("phone", "fara"),
            make_channel("chat", "https://www.faranet.be"),
            also=("relationships-sexuality",),
            free=None,
            anonymous=None,
        ),
        make_service(
            "112",
            make_channel("phone", "112", *DAY_AND_NIGHT),
            make_channel("phone", "101", *DAY_AND_NIGHT),
            kind="emergency",
            primary=("other",),
            languages=("nl", "fr", "de", "en"),
            anonymous=None,
        ),
        make_service(
            "antigifcentrum",
            make_channel("phone", "070 245 245", *DAY_AND_NIGHT),
            kind="emergency",
            primary=("drugs-alcohol",),
            languages=("nl", "fr", "de"),
            anonymous=None,
        ),
        make_service(
            "watwat",
            make_channel("website", "https://www.watwat.be"),
            kind="information",
            primary=("other",),
            also=("self-harm", "suicidal-thoughts", "feeling-down", "relationships-sexuality", "school", "bullying"),
            minimum_age=11,
            maximum_age=24,
            anonymous=None,
        ),
        make_service(
            "sensoa",
            make_channel("website", "https://www.allesoverseks.be"),
            kind="information",
            primary=("relationships-sexuality", "sexual-violence"),
            free=None,
            anonymous=None,
        ),
        make_service(
            "noknok",
            make_channel("website", "https://www.noknok.be"),
            kind="information",
            primary=("feeling-down",),
            also=("self-harm",),
            minimum_age=12,
            maximum_age=16,
            anonymous=None,
        ),
        make_service(
            "tegek",
            make_channel("website", "https://www.tegek.be"),
            kind="information",
            also=("feeling-down",),
            free=None,
            anonymous=None,
        ),
    )  # fmt: skip


def flemish_catalog() -> Catalog:
    return Catalog(services=flemish_services(), topic_slugs=frozenset(TOPICS), version="test")


FLEMISH = index_catalog(flemish_catalog())


def slugs(suggestions: Iterable[Suggestion]) -> list[str]:
    return [suggestion.service.slug for suggestion in suggestions]


def codes(suggestion: Suggestion) -> list[str]:
    return [reason.code for reason in suggestion.reasons]


def reason(suggestion: Suggestion, code: str) -> dict[str, str]:
    """The params of the suggestion's reason with this code; fails when there is none."""
    found = [dict(each.params) for each in suggestion.reasons if each.code == code]
    assert found, f"{suggestion.service.slug} has no {code!r} reason: {codes(suggestion)}"
    return found[0]


def suggestion_for(ranking_: Ranking, slug: str) -> Suggestion:
    return next(each for each in ranking_.suggestions if each.service.slug == slug)


def is_reachable(suggestion: Suggestion) -> bool:
    hours = suggestion.channel.openness
    return suggestion.channel.channel.is_live and hours is not None and hours.open_now


def index_of(*services: ServiceEntry) -> CatalogIndex:
    return index_catalog(Catalog(services=services, version="small"))


# A 24/7 listening line every small catalog below needs for its fallback.
LISTENING_LINE = make_service("listening-line", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",))


# Opening-hours templates for synthetic directories: office, evening, weekend, overnight, 24/7, none.
HOURS_TEMPLATES: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (("mon-fri", "09:00", "17:00"),),
    (("mon-fri", "09:00", "12:30"), ("mon-fri", "13:30", "17:00")),
    (("mon-fri", "10:00", "20:00"),),
    (("mon-sat", "18:00", "22:00"),),
    (("mon,wed,thu", "18:30", "21:30"),),
    (("tue", "15:00", "19:00"), ("sat", "10:00", "13:00")),
    (("sat-sun", "12:00", "20:00"),),
    (("fri-sat", "22:00", "02:00"),),
    (("daily", "17:00", "00:00"),),
    DAY_AND_NIGHT,
    (),
)
# 24/7 lines are rare in a real directory (a handful among thousands): keep them rare here too.
TEMPLATE_WEIGHTS = (20, 6, 10, 12, 6, 6, 6, 3, 5, 0.6, 14)
SPECIFIC_TOPICS = tuple(topic for topic in TOPICS if topic != "other")


def synthetic_service(rng: random.Random, number: int) -> ServiceEntry:
    """One made-up service with the variety of a large directory (ages, topics, languages, hours)."""
    kind = rng.choices(("helpline", "walk-in", "information", "emergency"), (55, 33, 12, 0.1))[0]
    topics = rng.sample(SPECIFIC_TOPICS, rng.randint(1, 4))
    primary = topics[: rng.randint(0, min(2, len(topics)))]
    also = topics[len(primary) :]
    if rng.random() < 0.05:
        primary.append("other")  # a generalist
    minimum = rng.choice((None, None, None, 0, 6, 10, 12, 16, 18, 25))
    maximum = rng.choice((None, None, None, 12, 18, 21, 25, 30, 65))
    if minimum is not None and maximum is not None and maximum < minimum:
        minimum, maximum = maximum, minimum
    languages = ["nl"] if rng.random() < 0.97 else ["fr"]
    languages += [code for code, share in (("fr", 0.15), ("en", 0.1)) if rng.random() < share and code not in languages]
    channels = []
    for place in range(rng.randint(1, 3)):
        channel_kind = rng.choice(("phone", "chat", "email", "walk-in", "website", "whatsapp"))
        rows = rng.choices(HOURS_TEMPLATES, TEMPLATE_WEIGHTS)[0] if channel_kind not in ("email", "website") else ()
        channels.append(
            make_channel(
                channel_kind,
                f"{number}-{place}",
                *rows,
                public_holidays=HOLIDAYS_CLOSED if rng.random() < 0.3 else HOLIDAYS_OPEN,
            )
        )
    return make_service(
        f"service-{number:05d}",
        *channels,
        kind=kind,
        primary=primary,
        also=also,
        languages=tuple(languages),
        minimum_age=minimum,
        maximum_age=maximum,
        free=rng.choice((True, True, None, False)),
        anonymous=rng.choice((True, None, False)),
        third_party=rng.random() < 0.5,
        first_step=rng.random() < 0.0005,
    )


def synthetic_services(count: int, seed: int) -> tuple[ServiceEntry, ...]:
    """`count` made-up services plus two 24/7 lines, so that some line is always reachable."""
    rng = random.Random(seed)
    lines = (
        make_service("line-listening", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",)),
        make_service("line-suicide", make_channel("phone", "1813", *DAY_AND_NIGHT), primary=("suicidal-thoughts",)),
    )
    return lines + tuple(synthetic_service(rng, number) for number in range(count))


def answers_strategy() -> st.SearchStrategy[Answers]:
    return st.builds(
        Answers,
        age=st.none() | st.integers(0, 120),
        topics=st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True).map(tuple),
        danger_now=st.booleans(),
        for_whom=st.sampled_from(("self", "someone_else")),
        channels=st.lists(st.sampled_from(("phone", "chat", "email", "walk-in", "whatsapp")), max_size=2).map(tuple),
        language=st.sampled_from(("nl", "fr", "en")),
        limit=st.integers(1, 10),
    )


moments = st.datetimes(
    min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone
    max_value=datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(BRUSSELS),
    allow_imaginary=False,
)


# -- Hard filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "absent", "present"),
    [
        pytest.param(10, "jac", "tejo", id="a 10-year-old is too young for the JAC, not for TEJO"),
        pytest.param(30, "jac", "caw", id="a 30-year-old goes to the CAW, not the JAC"),
        pytest.param(20, "caw", "jac", id="a 20-year-old goes to the JAC, not the CAW"),
        pytest.param(21, "tejo", "jac", id="a 21-year-old is too old for TEJO"),
    ],
)
def test_never_suggests_a_service_outside_its_age_range(age: int, absent: str, present: str) -> None:
    found = rank(make_answers("feeling-down", "family", age=age, limit=10), FLEMISH, WEDNESDAY_MORNING)

    assert absent not in slugs(found.suggestions)
    assert present in slugs(found.suggestions)
    assert all(each.service.accepts_age(age) for each in found.suggestions)


def test_an_unknown_age_filters_no_one() -> None:
    found = rank(make_answers("feeling-down", "family", limit=10), FLEMISH, WEDNESDAY_MORNING)

    assert {"jac", "caw", "tejo"} <= set(slugs(found.suggestions))


@pytest.mark.parametrize(
    ("language", "suicide_line"),
    [
        pytest.param("nl", "zelfmoordlijn-1813", id="Dutch: the Zelfmoordlijn 1813"),
        pytest.param("fr", "cps-0800-32-123", id="French: the Centre de Prévention du Suicide"),
        pytest.param("en", "zelfmoordlijn-1813", id="English: nobody speaks it, so the Dutch line"),
    ],
)
def test_the_suicide_line_is_the_one_that_speaks_the_language(language: str, suicide_line: str) -> None:
    found = rank(make_answers("suicidal-thoughts", language=language), FLEMISH, WEDNESDAY_MORNING)

    assert slugs(found.suggestions)[0] == suicide_line
    assert found.fallback.service.slug == suicide_line


def test_never_suggests_the_french_suicide_line_in_dutch() -> None:
    found = rank(make_answers("suicidal-thoughts", "self-harm", "grief", limit=10), FLEMISH, WEDNESDAY_MORNING)

    assert "cps-0800-32-123" not in slugs(found.suggestions)
    assert found.fallback.service.slug == "zelfmoordlijn-1813"


def test_dutch_speaking_services_rank_lower_for_another_language() -> None:
    in_dutch = rank(make_answers("missing-runaway", "bullying", limit=10), FLEMISH, WEDNESDAY_MORNING)
    in_english = rank(make_answers("missing-runaway", "bullying", language="en", limit=10), FLEMISH, WEDNESDAY_MORNING)

    child_focus = suggestion_for(in_english, "child-focus")
    assert reason(child_focus, "language") == {"language": "en"}
    assert suggestion_for(in_english, "1712").score == suggestion_for(in_dutch, "1712").score - 3
    assert slugs(in_english.suggestions)[0] == "child-focus"


def test_emergency_and_information_services_never_appear_in_suggestions() -> None:
    found = rank(make_answers(*TOPICS[:3], danger_now=True, limit=10), FLEMISH, WEDNESDAY_MORNING)

    assert {each.service.kind for each in found.suggestions} <= {"helpline", "walk-in"}
    assert {each.service.kind for each in found.for_helper} <= {"helpline", "walk-in"}


# -- Emergency and resources -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "topics",
    [
        pytest.param(("self-harm",), id="self-harm"),
        pytest.param(("drugs-alcohol",), id="drugs: 112 for the emergency, not the poison centre"),
    ],
)
def test_danger_now_routes_to_the_emergency_phone(topics: tuple[str, ...]) -> None:
    found = rank(make_answers(*topics, age=16, danger_now=True), FLEMISH, SUNDAY_NIGHT)

    assert found.emergency is not None
    assert found.emergency.service.slug == "112"
    assert found.emergency.channel.channel.value == "112"
    assert is_reachable(found.emergency)


def test_there_is_no_emergency_route_without_danger() -> None:
    assert rank(make_answers("self-harm", age=16), FLEMISH, SUNDAY_NIGHT).emergency is None


@pytest.mark.parametrize(
    ("age", "topics", "resources"),
    [
        pytest.param(15, ("self-harm",), ["noknok", "watwat"], id="a 15-year-old: NokNok and WAT WAT"),
        pytest.param(20, ("self-harm",), ["watwat"], id="a 20-year-old is too old for NokNok"),
        pytest.param(40, ("relationships-sexuality",), ["sensoa"], id="a 40-year-old: Sensoa, not WAT WAT"),
        pytest.param(40, ("eating",), [], id="nothing fits"),
    ],
)
def test_information_services_go_to_resources_when_age_and_topic_fit(
    age: int, topics: tuple[str, ...], resources: list[str]
) -> None:
    found = rank(make_answers(*topics, age=age), FLEMISH, WEDNESDAY_MORNING)

    assert [each.slug for each in found.resources] == resources


# -- Open now, and someone always reachable ---------------------------------------------------------


def test_prefers_services_open_now() -> None:
    evening = make_service(
        "a-evening-line", make_channel("phone", "1", ("daily", "18:00", "22:00")), primary=("grief",)
    )
    office = make_service(
        "b-office-line", make_channel("phone", "2", ("mon-fri", "09:00", "17:00")), primary=("grief",)
    )
    index = index_of(evening, office, LISTENING_LINE)

    morning = rank(make_answers("grief"), index, WEDNESDAY_MORNING)
    evening_ranking = rank(make_answers("grief"), index, TUESDAY_EVENING)

    def order(found: Ranking) -> list[str]:
        return [slug for slug in slugs(found.suggestions) if slug != "listening-line"]

    assert order(morning) == ["b-office-line", "a-evening-line"]
    assert order(evening_ranking) == ["a-evening-line", "b-office-line"]


def test_a_closed_service_shows_when_it_opens() -> None:
    found = rank(make_answers("eating", age=30), FLEMISH, SUNDAY_NIGHT)

    eetexpert = suggestion_for(found, "eetexpert")
    hours = eetexpert.channel.openness
    assert hours is not None
    assert not hours.open_now
    assert hours.next_open_at == datetime(2026, 3, 16, 9, 0, tzinfo=BRUSSELS)
    assert reason(eetexpert, "opens-later") == {"channel": "phone", "when": "2026-03-16T09:00:00+01:00"}


def test_a_reachable_line_comes_first_when_no_suggestion_is_open() -> None:
    # Child Focus fits none of the topics, so only the rule can bring a reachable line in.
    office = make_service("office-line", make_channel("phone", "1", ("mon-fri", "09:00", "17:00")), primary=("grief",))
    weekend = make_service("weekend-line", make_channel("chat", "2", ("sat-sun", "12:00", "20:00")), also=("grief",))
    child_focus = make_service(
        "child-focus", make_channel("phone", "116000", *DAY_AND_NIGHT), primary=("missing-runaway",)
    )
    index = index_of(office, weekend, child_focus)

    full = rank(make_answers("grief", limit=2), index, TUESDAY_EVENING)
    with_room = rank(make_answers("grief", limit=3), index, TUESDAY_EVENING)

    assert slugs(full.suggestions) == ["child-focus", "office-line"]
    assert slugs(with_room.suggestions) == ["child-focus", "office-line", "weekend-line"]
    assert is_reachable(full.suggestions[0])
    assert full.fallback.service.slug == "child-focus"


def test_the_first_suggestion_is_reachable_now() -> None:
    # Awel for bullying as in the fixtures (primary): it scores best for a 14-year-old, but its phone
    # opens at 16:00, so the best open service (the JAC's chat) comes first and Awel right after.
    services = list(flemish_services())
    services[0] = dataclasses.replace(services[0], topics=(TopicLink("bullying", True), TopicLink("other", True)))
    found = rank(make_answers("bullying", age=14), index_catalog(Catalog(tuple(services))), THURSDAY_AFTERNOON)

    assert slugs(found.suggestions) == ["jac", "awel", "1712"]
    assert max(found.suggestions, key=lambda each: each.score).service.slug == "awel"
    assert is_reachable(found.suggestions[0])
    assert not is_reachable(found.suggestions[1])


def test_a_line_that_only_also_helps_is_not_the_fallback_when_a_generalist_is_there() -> None:
    poison_centre = make_service(
        "antigifcentrum", make_channel("phone", "070 245 245", *DAY_AND_NIGHT), also=("drugs-alcohol", "self-harm")
    )
    listening = make_service("tele-onthaal", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",))
    index = index_of(poison_centre, listening)

    assert rank(make_answers("drugs-alcohol"), index, SUNDAY_NIGHT).fallback.service.slug == "tele-onthaal"
    assert rank(make_answers("drugs-alcohol"), index_of(poison_centre), SUNDAY_NIGHT).fallback.service.slug == (
        "antigifcentrum"
    )


@pytest.mark.parametrize(
    ("topics", "fallback"),
    [
        pytest.param(("suicidal-thoughts",), "zelfmoordlijn-1813", id="suicidal thoughts: the suicide line"),
        pytest.param(("self-harm",), "tele-onthaal", id="self-harm alone: a listening line, not the suicide line"),
        pytest.param(("self-harm", "suicidal-thoughts"), "zelfmoordlijn-1813", id="self-harm and suicidal thoughts"),
        pytest.param(("feeling-down",), "tele-onthaal", id="feeling down: Tele-Onthaal"),
        pytest.param(("bullying",), "tele-onthaal", id="bullying: Tele-Onthaal, not Child Focus"),
        pytest.param(("missing-runaway",), "child-focus", id="a runaway: Child Focus, its topic"),
    ],
)
def test_the_fallback_is_the_24_7_phone_with_the_best_topic_fit(topics: tuple[str, ...], fallback: str) -> None:
    found = rank(make_answers(*topics, age=15, channels=("chat",)), FLEMISH, TUESDAY_EVENING)

    assert found.fallback.service.slug == fallback
    assert found.fallback.channel.channel.kind == "phone"
    assert reason(found.fallback, "24-7") == {"channel": "phone"}


def test_for_self_harm_alone_the_fallback_is_a_listening_line_not_the_suicide_line() -> None:
    # Self-harm is not suicide: sending someone who hurts themself to the suicide line can feel like a
    # label. Their 24/7 fallback is the line that listens to any worry; 1813 is named conditionally.
    suicide_line = make_service(
        "zelfmoordlijn-1813", make_channel("phone", "1813", *DAY_AND_NIGHT), primary=("suicidal-thoughts",)
    )
    listening = make_service("tele-onthaal", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",))
    index = index_of(suicide_line, listening)

    self_harm = rank(make_answers("self-harm"), index, TUESDAY_EVENING)
    both = rank(make_answers("self-harm", "suicidal-thoughts"), index, TUESDAY_EVENING)

    assert self_harm.fallback.service.slug == "tele-onthaal"
    assert both.fallback.service.slug == "zelfmoordlijn-1813"


def test_the_fallback_is_reachable_at_every_hour_of_the_week() -> None:
    for hour in range(7 * 24):
        at = datetime(2026, 3, 9, hour % 24, tzinfo=BRUSSELS) + timedelta(days=hour // 24)
        found = rank(make_answers("self-harm", age=14, limit=1), FLEMISH, at)

        assert is_reachable(found.fallback), at
        assert any(is_reachable(each) for each in found.suggestions), at


def test_a_public_holiday_closes_awel() -> None:
    easter_monday = datetime(2026, 4, 6, 20, 0, tzinfo=BRUSSELS)

    found = rank(make_answers("bullying", age=13, limit=10), FLEMISH, easter_monday)

    awel = suggestion_for(found, "awel")
    assert not is_reachable(awel)
    assert slugs(found.suggestions)[0] != "awel"


def test_rejects_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        rank(make_answers("grief"), FLEMISH, datetime(2026, 3, 10, 20, 30))  # noqa: DTZ001 - the point


def test_says_so_when_no_line_is_reachable() -> None:
    office = make_service("office-line", make_channel("phone", "1", ("mon-fri", "09:00", "17:00")), primary=("grief",))

    with pytest.raises(ranking.NoReachableLine):
        rank(make_answers("grief"), index_of(office), SUNDAY_NIGHT)


# -- Topic fit and the precedence rules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "specialised"),
    [
        pytest.param("drugs-alcohol", "druglijn", id="drugs: De DrugLijn above Tele-Onthaal"),
        pytest.param("violence-abuse", "1712", id="violence: 1712 above Tele-Onthaal"),
    ],
)
def test_specialised_services_rank_above_generalists(topic: str, specialised: str) -> None:
    found = rank(make_answers(topic, age=40, limit=10), FLEMISH, WEDNESDAY_MORNING)

    order = slugs(found.suggestions)
    assert order[0] == specialised
    assert reason(found.suggestions[0], "topic-specialised") == {"topic": topic}
    assert order.index(specialised) < order.index("tele-onthaal")
    # Reached through "any question": its own reason, never a claim that it helps with the topic.
    assert reason(suggestion_for(found, "tele-onthaal"), "generalist") == {}
    assert "topic-general" not in codes(suggestion_for(found, "tele-onthaal"))


@pytest.mark.parametrize(
    ("age", "at", "first"),
    [
        pytest.param(13, TUESDAY_SEVEN_PM, "awel", id="a 13-year-old, Awel open: Awel first"),
        pytest.param(17, TUESDAY_SEVEN_PM, "awel", id="a 17-year-old, Awel open: Awel first"),
        pytest.param(20, TUESDAY_SEVEN_PM, "druglijn", id="a 20-year-old: no precedence, the score decides"),
        pytest.param(13, WEDNESDAY_MORNING, "druglijn", id="a 13-year-old, Awel closed: the score decides"),
        pytest.param(None, TUESDAY_SEVEN_PM, "druglijn", id="an unknown age: no precedence"),
    ],
)
def test_awel_comes_first_for_a_minor_when_it_is_open(age: int | None, at: datetime, first: str) -> None:
    # Awel is not linked to drugs: only the Flemish first-step agreement can put it above De DrugLijn.
    found = rank(make_answers("drugs-alcohol", age=age, limit=10), FLEMISH, at)

    assert slugs(found.suggestions)[0] == first
    awel = suggestion_for(found, "awel")
    assert ("first-step-young-people" in codes(awel)) == (age is not None and age <= 25)


def test_awel_stays_above_other_closed_services_for_a_young_person() -> None:
    young = rank(make_answers("bullying", age=14, limit=10), FLEMISH, THURSDAY_AFTERNOON)
    adult = rank(make_answers("bullying", age=30, limit=10), FLEMISH, THURSDAY_AFTERNOON)

    awel = suggestion_for(young, "awel")
    assert "opens-later" in codes(awel)
    closed = [each.service.slug for each in young.suggestions if not is_reachable(each)]
    assert closed[:2] == ["awel", "clbchat"]
    assert awel.score == suggestion_for(adult, "awel").score + ranking.WEIGHT_FIRST_STEP


@pytest.mark.parametrize(
    ("age", "at", "first_two"),
    [
        pytest.param(13, TUESDAY_EVENING, ["awel", "zelfmoordlijn-1813"], id="13, Awel open: Awel then 1813"),
        pytest.param(15, THURSDAY_AFTERNOON, ["zelfmoordlijn-1813"], id="15, Awel closed: 1813 above Awel"),
        pytest.param(16, SUNDAY_NIGHT, ["zelfmoordlijn-1813"], id="16 at 03:00 on Sunday"),
        pytest.param(40, WEDNESDAY_MORNING, ["zelfmoordlijn-1813"], id="40 on Wednesday morning"),
    ],
)
def test_suicidal_thoughts_put_the_suicide_line_in_the_first_two(age: int, at: datetime, first_two: list[str]) -> None:
    found = rank(make_answers("suicidal-thoughts", "family", age=age, channels=("chat",), limit=5), FLEMISH, at)

    order = slugs(found.suggestions)
    assert order[: len(first_two)] == first_two
    assert "zelfmoordlijn-1813" in order[:2]
    if "awel" in order:
        assert order.index("zelfmoordlijn-1813") < order.index("awel") or is_reachable(suggestion_for(found, "awel"))


def test_the_suicide_line_is_in_the_first_two_even_when_others_score_higher() -> None:
    chats = [
        make_service(f"{letter}-suicide-chat", make_channel("chat", letter, ("daily", "18:00", "23:00")),
                     primary=("suicidal-thoughts",), third_party=True)
        for letter in "abc"
    ]  # fmt: skip
    suicide_line = make_service(
        "zelfmoordlijn-1813",
        make_channel("phone", "1813", *DAY_AND_NIGHT),
        make_channel("chat", "1813", ("daily", "17:00", "00:00")),
        primary=("suicidal-thoughts",),
        third_party=True,
    )
    index = index_of(*chats, suicide_line)
    answers = make_answers("suicidal-thoughts", channels=("chat",), for_whom="someone_else")

    found = rank(answers, index, TUESDAY_EVENING)

    assert slugs(found.suggestions) == ["a-suicide-chat", "zelfmoordlijn-1813", "b-suicide-chat"]
    assert {each.score for each in found.suggestions} == {9.0}


def test_a_closed_first_step_service_never_comes_above_the_suicide_line() -> None:
    # Awel specialised, with an age range, and a suicide line of unknown cost: by score alone, a tie
    # that the slug would give to Awel, closed.
    awel = dataclasses.replace(
        flemish_services()[0], topics=(TopicLink("suicidal-thoughts", True),), minimum_age=6, maximum_age=25
    )
    suicide_line = make_service(
        "zelfmoordlijn-1813",
        make_channel("phone", "1813", *DAY_AND_NIGHT),
        primary=("suicidal-thoughts",),
        free=None,
        anonymous=None,
    )
    answers = make_answers("suicidal-thoughts", age=12, for_whom="someone_else")

    found = rank(answers, index_of(awel, suicide_line), THURSDAY_AFTERNOON)

    assert suggestion_for(found, "awel").score == suggestion_for(found, "zelfmoordlijn-1813").score
    assert not is_reachable(suggestion_for(found, "awel"))
    assert slugs(found.suggestions) == ["zelfmoordlijn-1813", "awel"]


# -- Channels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preferred", "at", "channel"),
    [
        pytest.param((), TUESDAY_EVENING, "phone", id="no preference: the first open live channel"),
        pytest.param(("chat",), TUESDAY_EVENING, "chat", id="chat preferred and open"),
        pytest.param(("chat",), WEDNESDAY_MORNING, "phone", id="chat preferred but closed: the open phone"),
        pytest.param(("email",), TUESDAY_EVENING, "phone", id="an open live channel beats a preferred e-mail"),
        pytest.param(("whatsapp",), TUESDAY_EVENING, "phone", id="a kind the line lacks: not required"),
    ],
)
def test_the_chosen_channel_is_the_best_open_one_preferring_the_answers(
    preferred: tuple[str, ...], at: datetime, channel: str
) -> None:
    found = rank(make_answers("suicidal-thoughts", channels=preferred), FLEMISH, at)

    line = suggestion_for(found, "zelfmoordlijn-1813")
    assert line.channel.channel.kind == channel
    assert is_reachable(line)
    assert {each.channel.kind for each in line.other_channels} == {"phone", "chat", "email"} - {channel}


@pytest.mark.parametrize(
    ("preferred", "channel"),
    [
        pytest.param((), "phone", id="no preference: the phone, which opens first"),
        pytest.param(("chat",), "chat", id="chat preferred: the chat, when it opens"),
        pytest.param(("email",), "email", id="e-mail preferred: write now"),
    ],
)
def test_a_closed_service_offers_the_preferred_or_soonest_channel(preferred: tuple[str, ...], channel: str) -> None:
    found = rank(make_answers("bullying", age=14, channels=preferred, limit=10), FLEMISH, SUNDAY_NIGHT)

    assert suggestion_for(found, "awel").channel.channel.kind == channel


def test_an_open_preferred_channel_ranks_a_service_higher() -> None:
    by_phone = make_service("a-phone-line", make_channel("phone", "1", ("daily", "18:00", "22:00")), primary=("grief",))
    by_chat = make_service("b-chat-line", make_channel("chat", "2", ("daily", "18:00", "22:00")), primary=("grief",))
    index = index_of(by_phone, by_chat, LISTENING_LINE)

    without = rank(make_answers("grief"), index, TUESDAY_EVENING)
    with_chat = rank(make_answers("grief", channels=("chat",)), index, TUESDAY_EVENING)

    assert slugs(without.suggestions)[:2] == ["a-phone-line", "b-chat-line"]
    assert slugs(with_chat.suggestions)[:2] == ["b-chat-line", "a-phone-line"]
    assert reason(with_chat.suggestions[0], "preferred-channel") == {"channel": "chat"}


def test_channel_openness_comes_from_the_hours_engine() -> None:
    found = rank(make_answers("suicidal-thoughts"), FLEMISH, TUESDAY_EVENING)

    line = suggestion_for(found, "zelfmoordlijn-1813")
    for choice in (line.channel, *line.other_channels):
        schedule = choice.channel.schedule
        assert choice.openness == (None if schedule is None else openness(schedule, TUESDAY_EVENING))


# -- Helping someone else --------------------------------------------------------------------------


def test_helping_someone_else_favours_lines_that_take_third_parties() -> None:
    takes = make_service("b-takes-third-parties", make_channel("phone", "1", *DAY_AND_NIGHT),
                         primary=("grief",), third_party=True)  # fmt: skip
    only_self = make_service("a-only-the-person", make_channel("phone", "2", *DAY_AND_NIGHT), primary=("grief",))
    index = index_of(takes, only_self)

    for_self = rank(make_answers("grief"), index, TUESDAY_EVENING)
    for_other = rank(make_answers("grief", for_whom="someone_else"), index, TUESDAY_EVENING)

    assert slugs(for_self.suggestions) == ["a-only-the-person", "b-takes-third-parties"]
    assert slugs(for_other.suggestions) == ["b-takes-third-parties", "a-only-the-person"]
    assert "third-party" in codes(for_other.suggestions[0])
    assert for_other.suggestions[0].score - for_self.suggestions[1].score == ranking.WEIGHT_THIRD_PARTY


@pytest.mark.parametrize(
    ("at", "helpers"),
    [
        # 13 is young: the helper probably is too, so the first-step weight counts for them as well.
        pytest.param(TUESDAY_EVENING, ["awel", "zelfmoordlijn-1813"], id="Tuesday evening: Awel for a young helper"),
        pytest.param(SUNDAY_NIGHT, ["zelfmoordlijn-1813"], id="Sunday night: only the 24/7 line"),
        pytest.param(WEDNESDAY_MORNING, ["zelfmoordlijn-1813", "1712"], id="Wednesday morning"),
    ],
)
def test_for_helper_lists_reachable_lines_that_take_contact_about_someone_else(
    at: datetime, helpers: list[str]
) -> None:
    found = rank(make_answers("self-harm", "family", age=13, for_whom="someone_else"), FLEMISH, at)

    assert slugs(found.for_helper) == helpers
    assert [each.rank for each in found.for_helper] == list(range(1, len(helpers) + 1))
    for each in found.for_helper:
        assert each.service.accepts_third_party
        assert each.service.minimum_age is None
        assert each.service.maximum_age is None
        assert is_reachable(each)


@pytest.mark.parametrize(("age", "listed"), [(14, True), (25, True), (30, False), (None, False)])
def test_a_line_that_takes_young_helpers_is_for_a_young_helper_only(age: int | None, listed: bool) -> None:
    # As in the fixtures: Awel takes no contact about someone else from adults, but from young people.
    awel = dataclasses.replace(
        next(service for service in flemish_services() if service.slug == "awel"),
        accepts_third_party=False,
        takes_young_helpers=True,
        maximum_age=25,
    )
    services = [awel if service.slug == "awel" else service for service in flemish_services()]
    index = index_catalog(Catalog(services=tuple(services), topic_slugs=frozenset(TOPICS), version="test"))
    found = rank(make_answers("bullying", age=age, for_whom="someone_else"), index, TUESDAY_EVENING)

    helpers = {each.service.slug: each for each in found.for_helper}
    assert ("awel" in helpers) is listed
    if listed:
        assert "young-helpers" in codes(helpers["awel"])
        assert "third-party" not in codes(helpers["awel"])


def test_for_helper_is_empty_when_the_help_is_for_oneself() -> None:
    assert rank(make_answers("self-harm", age=13), FLEMISH, TUESDAY_EVENING).for_helper == ()


# -- Limit, ties, determinism, score ---------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 5, 10])
def test_the_limit_caps_the_suggestions(limit: int) -> None:
    found = rank(make_answers("feeling-down", "family", "self-harm", limit=limit), FLEMISH, TUESDAY_EVENING)

    assert len(found.suggestions) == limit
    assert [each.rank for each in found.suggestions] == list(range(1, limit + 1))


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        pytest.param(make_answers("grief", limit=0), "limit", id="a limit of 0"),
        pytest.param(make_answers("grief", limit=11), "limit", id="a limit of 11"),
        pytest.param(make_answers("grief", age=121), "age", id="an age past 120"),
        pytest.param(make_answers(), "topic", id="no topic"),
    ],
)
def test_rejects_answers_that_triage_never_gives(answers: Answers, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rank(answers, FLEMISH, TUESDAY_EVENING)


def test_ties_go_to_the_smaller_slug() -> None:
    twins = [
        make_service(slug, make_channel("phone", slug, *DAY_AND_NIGHT), primary=("grief",))
        for slug in ("twin-c", "twin-a", "twin-b")
    ]

    found = rank(make_answers("grief"), index_of(*twins), TUESDAY_EVENING)

    assert slugs(found.suggestions) == ["twin-a", "twin-b", "twin-c"]


def test_the_same_answers_and_moment_give_the_same_ranking() -> None:
    answers = make_answers("self-harm", "bullying", age=14, channels=("chat",), for_whom="someone_else", limit=5)

    assert rank(answers, FLEMISH, TUESDAY_EVENING) == rank(answers, FLEMISH, TUESDAY_EVENING)


def test_the_order_of_the_catalog_does_not_change_the_ranking() -> None:
    shuffled = list(flemish_services())
    random.Random(7).shuffle(shuffled)
    answers = make_answers("self-harm", "bullying", age=14, channels=("chat",), for_whom="someone_else", limit=10)

    assert rank(answers, index_catalog(Catalog(services=tuple(shuffled))), TUESDAY_EVENING) == rank(
        answers, FLEMISH, TUESDAY_EVENING
    )


def test_the_index_rejects_duplicate_slugs() -> None:
    with pytest.raises(ValueError, match="unique"):
        index_of(LISTENING_LINE, LISTENING_LINE)


@pytest.mark.parametrize(
    ("slug", "answers", "at", "weights"),
    [
        pytest.param(
            "zelfmoordlijn-1813", make_answers("suicidal-thoughts", age=16), SUNDAY_NIGHT,
            ("TOPIC_SPECIALISED", "OPEN_NOW", "DAY_AND_NIGHT", "FREE_ANONYMOUS"),
            id="1813 at night: specialised, open, 24/7, free and anonymous",
        ),
        pytest.param(
            "awel", make_answers("self-harm", age=13, channels=("chat",), for_whom="someone_else"), TUESDAY_EVENING,
            ("FIRST_STEP", "TOPIC_GENERAL", "OPEN_NOW", "PREFERRED_CHANNEL", "THIRD_PARTY", "FREE_ANONYMOUS"),
            id="Awel on Tuesday evening for a friend who prefers chat",
        ),
        pytest.param(
            "druglijn", make_answers("drugs-alcohol", age=20, language="fr"), WEDNESDAY_MORNING,
            ("TOPIC_SPECIALISED", "OPEN_NOW", "FREE_OR_ANONYMOUS", "OTHER_LANGUAGE"),
            id="De DrugLijn in French: anonymous, cost unknown, Dutch only",
        ),
        pytest.param(
            "jac", make_answers("school", age=16), SUNDAY_NIGHT,
            ("TOPIC_GENERAL", "AGE_FITS", "FREE_ANONYMOUS"),
            id="the JAC closed: no open-now weight",
        ),
    ],
)  # fmt: skip
def test_the_score_is_the_sum_of_the_documented_weights(
    slug: str, answers: Answers, at: datetime, weights: tuple[str, ...]
) -> None:
    found = rank(dataclasses.replace(answers, limit=10), FLEMISH, at)

    assert suggestion_for(found, slug).score == sum(getattr(ranking, f"WEIGHT_{name}") for name in weights)


def test_the_age_reason_names_the_bounds() -> None:
    found = rank(make_answers("school", "bullying", age=16, limit=10), FLEMISH, THURSDAY_AFTERNOON)

    assert reason(suggestion_for(found, "jac"), "age-fits") == {"minimum": "12", "maximum": "25"}
    assert reason(suggestion_for(found, "clbchat"), "age-fits") == {"minimum": "9", "maximum": "18"}
    assert "age-fits" not in codes(suggestion_for(found, "awel"))


def test_the_modules_never_import_django() -> None:
    code = (
        "import sys, referral.ranking, referral.candidates; "
        "sys.exit(any(name.startswith('django') for name in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]

    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


# -- Properties ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(answers=answers_strategy(), at=moments)
def test_every_ranking_keeps_the_rules(answers: Answers, at: datetime) -> None:
    found = rank(answers, FLEMISH, at)

    assert 1 <= len(found.suggestions) <= answers.limit
    assert [each.rank for each in found.suggestions] == list(range(1, len(found.suggestions) + 1))
    assert len(set(slugs(found.suggestions))) == len(found.suggestions)
    for each in found.suggestions:
        assert each.service.accepts_age(answers.age)
        assert each.service.kind not in ("information", "emergency")
        assert answers.language in each.service.languages or "nl" in each.service.languages
    assert is_reachable(found.suggestions[0])
    assert is_reachable(found.fallback)
    assert (found.emergency is not None) == answers.danger_now
    assert all(resource.kind == "information" for resource in found.resources)
    assert len(found.for_helper) <= 2
    assert all(is_reachable(each) and each.service.accepts_third_party for each in found.for_helper)
    if "suicidal-thoughts" in answers.topics and answers.limit >= 2:
        assert found.suggestions[0].service.topic("suicidal-thoughts") or found.suggestions[1].service.topic(
            "suicidal-thoughts"
        )


def best_by_scoring_everyone(  # type: ignore[no-untyped-def]
    index: CatalogIndex, context, pool: int, wanted: int, *, known=(), open_only=False, fitting_only=True
):
    """The plain reference for `ranking._best`: score every candidate of the pool, sort, cut."""
    asked = (*context.topics, ranking.GENERALIST_TOPIC)
    already = {found.position for found in known}
    scored = [
        ranking._evaluate(index, context, position)
        for position, service in enumerate(index.services)
        if pool >> position & 1
        and position not in already
        and (not fitting_only or any(service.topic(topic) for topic in asked))
    ]
    ordered = sorted((*known, *scored), key=lambda each: (-each.score, each.slug))
    return [each for each in ordered if each.open_now or not open_only][:wanted]


def ranking_or_error(
    answers: Answers, index: CatalogIndex, at: datetime, shared: dict[int, object] | None = None
) -> Ranking | str:
    try:
        return rank(answers, index, at, shared=shared)
    except ranking.NoReachableLine as error:
        return str(error)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(0, 80), answers=answers_strategy(), at=moments)
def test_the_indexed_search_ranks_like_scoring_every_candidate(
    seed: int, size: int, answers: Answers, at: datetime
) -> None:
    """The index and its best-first walk are only a shortcut: on random directories the whole
    ranking (precedence, fallback, helper lines included) equals the one that scores everyone."""
    rng = random.Random(seed)
    services = tuple(
        dataclasses.replace(service, first_step_for_young_people=rng.random() < 0.1)
        for service in synthetic_services(size, seed)
    )
    index = index_catalog(Catalog(services=services))

    searched = ranking_or_error(answers, index, at)
    with mock.patch.object(ranking, "_best", best_by_scoring_everyone):
        reference = ranking_or_error(answers, index, at)

    assert searched == reference


@settings(max_examples=100, deadline=None)
@given(
    asked=st.lists(
        st.tuples(answers_strategy(), st.sampled_from(("", "antwerpen", "oost-vlaanderen", "brussels"))),
        min_size=2,
        max_size=4,
    ),
    at=moments,
)
def test_rankings_that_share_a_minute_rank_as_each_would_alone(asked: list[tuple[Answers, str]], at: datetime) -> None:
    """What one ranking keeps in `shared` for the minute (each service's channels and fixed
    reasons) never carries anything of its answers into another's: each ranks as it would alone."""
    shared: dict[int, object] = {}
    for answers, region in asked:
        answers = dataclasses.replace(answers, region=region)

        assert ranking_or_error(answers, FLEMISH, at, shared=shared) == ranking_or_error(answers, FLEMISH, at)
    assert all(isinstance(position, int) for position in shared)  # keyed by the directory's order only


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 100_000), at=moments, exception=st.booleans())
def test_the_hour_index_never_misses_an_open_channel(seed: int, at: datetime, exception: bool) -> None:
    rng = random.Random(seed)
    rows = rng.choice(HOURS_TEMPLATES[:-1])
    schedule = make_schedule(*rows, public_holidays=rng.choice(HOLIDAY_STATES))
    if exception:
        special = DateException(at.date(), at.date(), ((time(rng.randint(0, 23)), time(rng.randint(0, 23))),))
        schedule = dataclasses.replace(schedule, exceptions=(special,))

    week, day_and_night = candidates.hours_of_week(schedule)

    local = at.astimezone(BRUSSELS)
    if is_open(schedule, at):
        assert week >> (local.weekday() * 24 + local.hour) & 1
    if day_and_night:
        assert is_open(schedule, at)


# -- Certainty: confirmed hours first, historical and unknown-holiday hours not reachable ----------


def test_a_confirmed_line_beats_an_unconfirmed_one_of_equal_fit() -> None:
    # "aaa" would win the tie on its slug: only the certainty of the hours puts "zzz" first.
    unconfirmed = make_service(
        "aaa", make_channel("phone", "0800 1", ("daily", "18:00", "23:00"), confidence=SECONDARY), primary=("other",)
    )
    confirmed = make_service("zzz", make_channel("phone", "0800 2", ("daily", "18:00", "23:00")), primary=("other",))

    found = rank(make_answers("feeling-down"), index_of(unconfirmed, confirmed), TUESDAY_EVENING)

    assert slugs(found.suggestions) == ["zzz", "aaa"]
    assert "open-now" in codes(found.suggestions[0])
    assert "open-now-unconfirmed" in codes(found.suggestions[1])
    assert found.suggestions[1].channel.certainty == Certainty(confirmed=False, reason=UNCERTAIN_SECONDARY)


def test_historical_hours_are_never_reachable_now() -> None:
    old = make_service(
        "aaa-old",
        make_channel("chat", "https://old.example", ("daily", "18:00", "23:00"), confidence=HISTORICAL),
        primary=("school",),
    )
    line = make_service("tele-onthaal", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",))

    found = rank(make_answers("school"), index_of(old, line), TUESDAY_EVENING)

    assert found.suggestions[0].service.slug == "tele-onthaal"
    historical = suggestion_for(found, "aaa-old")
    assert historical.channel.openness is not None
    assert historical.channel.openness.open_now is True
    assert not historical.channel.reachable_now
    assert not {"open-now", "open-now-unconfirmed"} & set(codes(historical))


def test_a_public_holiday_of_unknown_behaviour_is_not_reachable_now() -> None:
    christmas_evening = datetime(2026, 12, 25, 20, 30, tzinfo=BRUSSELS)
    unknown = make_service(
        "aaa-chat",
        make_channel("chat", "https://chat.example", ("daily", "18:00", "23:00"), public_holidays=HOLIDAYS_UNKNOWN),
        primary=("school",),
    )
    line = make_service("tele-onthaal", make_channel("phone", "106", *DAY_AND_NIGHT), primary=("other",))

    found = rank(make_answers("school"), index_of(unknown, line), christmas_evening)

    assert found.suggestions[0].service.slug == "tele-onthaal"
    chat = suggestion_for(found, "aaa-chat").channel
    assert chat.openness is not None
    assert chat.openness.open_now is None
    assert chat.certainty == Certainty(confirmed=False, reason=UNCERTAIN_HOLIDAY)
    assert not chat.reachable_now
