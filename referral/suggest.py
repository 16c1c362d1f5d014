"""The one glue module between the directory snapshot and the pure triage core.

The snapshot (directory/snapshot.py) holds the published directory as frozen values; the
ranking's index is derived from it once per snapshot, so a triage request makes no query.
"""

from __future__ import annotations

from datetime import datetime

from directory.entries import LANGUAGES, Catalog
from directory.models import Channel
from directory.reads import listing
from directory.snapshot import snapshot
from referral.messages import name_topics
from referral.ranking import Ranking, index_catalog, rank
from referral.triage import Answers, Question, choose_language, questionnaire


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
    """The ranking for these answers, with its topics named in the answers' language."""
    current = snapshot()
    # Openness is shared per minute with every request (never keyed by the answers).
    openness_at = current.derived(listing).openness.at(at)
    ranking = rank(answers, current.derived(index_catalog), at, openness_at=openness_at)
    return name_topics(ranking, current.catalog.topic_names, answers.language)
