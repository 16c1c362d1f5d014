"""The one glue module between the directory snapshot and the pure triage core.

The snapshot (directory/snapshot.py) holds the published directory as frozen values; the
ranking's index is derived from it once per snapshot, so a triage request makes no query.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from directory.entries import LANGUAGES, Catalog
from directory.models import Channel
from directory.reads import MinuteOpenness, listing
from directory.snapshot import Snapshot, snapshot
from referral.answer import build_answer
from referral.ranking import NoReachableLine, Ranking, index_catalog, rank
from referral.triage import FOR_WHOM, Answers, Question, choose_language, questionnaire

# The grid of answers the verification queue weighs services by (settings.DIRECTORY_SUGGESTED_FIRST,
# directory/verification.py): every topic x these ages x both voices x every language x these
# moments of the coming week, nobody in danger. Answers nobody gave: no user data is read.
REACH_AGES = (None, 13, 16, 30)
REACH_MOMENTS = (
    (1, 15, 0),
    (1, 21, 0),
    (6, 23, 30),
)  # (weekday, hour, minute): Tuesday afternoon and evening, Sunday night


def topic_slugs() -> frozenset[str]:
    """The topics a triage request may name: those of the current snapshot."""
    return snapshot().catalog.topic_slugs


def questionnaire_for(language: str) -> tuple[Question, ...]:
    """The questions in `language`, with the topics of the current snapshot."""
    return snapshot().derived(questionnaires)[choose_language(language)]


def questionnaires(catalog: Catalog) -> dict[str, tuple[Question, ...]]:
    """The questions in every language, prepared once per snapshot."""
    topics = tuple(catalog.topic_names.items())
    return {language: questionnaire(language, topics, Channel.Kind.values) for language in LANGUAGES}


def suggest(answers: Answers, at: datetime) -> Ranking:
    """The ranking for these answers (in slugs: `build_answer` names the topics)."""
    return _suggest(snapshot(), answers, at)[0]


def triage_answer(answers: Answers, at: datetime) -> dict[str, Any]:
    """The triage answer for these answers (`build_answer`), its parts that come from the
    directory alone (a channel with its "when", a service's brief) shared by every answer of the
    same minute."""
    current = snapshot()
    ranking, minute = _suggest(current, answers, at)
    return build_answer(ranking, answers, at, current.catalog.topic_names, minute.parts)


def _suggest(current: Snapshot, answers: Answers, at: datetime) -> tuple[Ranking, MinuteOpenness]:
    # Openness and its certainty are shared per minute with every request (never keyed by the answers).
    minute = current.derived(listing).openness.at(at)
    index = current.derived(index_catalog)
    return rank(answers, index, at, openness_at=minute, certainty_at=minute.certainty, shared=minute.ranking), minute


def suggested_first_shares(catalog: Catalog) -> dict[str, float]:
    """For each service (by slug) the share of the grid's answers that suggest it first (0 to 1).

    About 1,200 rankings: the directory snapshot computes it once per directory version.
    """
    index = index_catalog(catalog)
    zone = ZoneInfo(settings.SERVICE_TIME_ZONE)
    today = timezone.now().astimezone(zone).date()
    firsts: Counter[str] = Counter()
    cases = 0
    for weekday, hour, minute in REACH_MOMENTS:
        day = today + timedelta(days=(weekday - today.weekday()) % 7)
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        shared = MinuteOpenness(at)  # each schedule's openness and certainty, once for all the rankings at `at`
        for topic, age, for_whom, language in product(sorted(catalog.topic_slugs), REACH_AGES, FOR_WHOM, LANGUAGES):
            answers = Answers(age=age, topics=(topic,), danger_now=False, for_whom=for_whom, language=language)
            cases += 1
            try:
                ranking = rank(
                    answers, index, at, openness_at=shared, certainty_at=shared.certainty, shared=shared.ranking
                )
            except NoReachableLine:
                continue  # nobody is suggested first: a case that counts for no service
            if ranking.suggestions:
                firsts[ranking.suggestions[0].service.slug] += 1
    return {slug: count / cases for slug, count in firsts.items()}
