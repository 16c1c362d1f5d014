"""The worked examples of docs/ranking.md, run: each table row (rank, service, score) and each
"Fallback:" must be what `rank` gives on the test catalog of test_ranking.py, and the Language
example what the real directory gives, so the examples follow the weights instead of drifting."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from referral.ranking import Suggestion, rank
from referral.suggest import suggest
from referral.triage import Answers
from tests.referral.test_ranking import FLEMISH, SUNDAY_NIGHT, TUESDAY_EVENING, WEDNESDAY_MORNING, make_answers

RANKING_DOC = Path(__file__).resolve().parents[2] / "docs" / "ranking.md"
# The names the examples use, as slugs of the test catalog.
SLUGS = {
    "Awel": "awel",
    "OverKop": "overkop",
    "Zelfmoordlijn 1813": "zelfmoordlijn-1813",
    "Tele-Onthaal": "tele-onthaal",
    "De DrugLijn": "druglijn",
    "CAW": "caw",
    "JAC": "jac",
    "Centre de Prévention du Suicide": "cps-0800-32-123",
}
# Each example's answers and moment, by the number of its heading ("### 1. ...").
EXAMPLES: dict[str, tuple[Answers, datetime]] = {
    "1": (make_answers("self-harm", age=13, for_whom="someone_else", channels=("chat",)), TUESDAY_EVENING),
    "2": (make_answers("suicidal-thoughts", age=16), SUNDAY_NIGHT),
    "3": (make_answers("drugs-alcohol", "family", age=40), WEDNESDAY_MORNING),
    "4": (make_answers("self-harm", age=17, danger_now=True, for_whom="someone_else"), SUNDAY_NIGHT),
    "5": (make_answers("suicidal-thoughts", age=19, language="fr"), WEDNESDAY_MORNING),
}
ROW = re.compile(r"^\| (\d+) \| ([^|]+?) \| [^|]+ \| .*\*\*(-?\d+\.\d+)\*\*", re.MULTILINE)
FALLBACK = re.compile(r"Fallback:\s+(" + "|".join(sorted(map(re.escape, SLUGS), key=len, reverse=True)) + ")")


def documented_examples() -> dict[str, str]:
    """The text of each worked example, by its number."""
    text = RANKING_DOC.read_text(encoding="utf-8")
    worked = text[text.index("## Worked examples") :]
    worked = worked[: worked.index("\n## ", 1)]
    return {
        match.group(1): match.group(2) for match in re.finditer(r"^### (\d+)\.(.*?)(?=^### |\Z)", worked, re.M | re.S)
    }


def test_every_worked_example_is_run() -> None:
    assert sorted(documented_examples()) == sorted(EXAMPLES)


@pytest.mark.parametrize("number", sorted(EXAMPLES))
def test_the_worked_example_is_what_the_ranking_gives(number: str) -> None:
    text = documented_examples()[number]
    answers, at = EXAMPLES[number]
    found = rank(answers, FLEMISH, at)

    rows = [(int(place), SLUGS[name], float(score)) for place, name, score in ROW.findall(text)]
    assert rows, f"example {number} has no table"
    assert rows == [(each.rank, each.service.slug, each.score) for each in found.suggestions]
    fallback = FALLBACK.search(text)
    assert fallback is not None, f"example {number} names no fallback"
    assert SLUGS[fallback.group(1)] == found.fallback.service.slug


LANGUAGE_EXAMPLE = re.compile(r"Télé-Accueil 107 \([^)]*\) scores [^=]+= (\d+\.\d+) and comes first")


@pytest.mark.usefixtures("directory_data")
def test_the_language_example_is_what_the_real_directory_gives() -> None:
    text = RANKING_DOC.read_text(encoding="utf-8")
    documented = LANGUAGE_EXAMPLE.search(" ".join(text.split()))
    assert documented is not None
    at = datetime(2026, 12, 13, 3, 0, tzinfo=ZoneInfo("Europe/Brussels"))

    def first(language: str) -> Suggestion:
        answers = Answers(age=15, topics=("self-harm",), danger_now=False, for_whom="self", language=language)
        return suggest(answers, at).suggestions[0]

    assert (first("fr").service.slug, first("fr").score) == ("tele-accueil-107", float(documented.group(1)))
    assert first("en").service.slug == "chs-helpline"
