"""The finder's form pre-filled from a link: the links of the link-in-bio kit (/kit/), both ways.

Pure: standard library only. A kit link carries an influencer's choices for an audience (the
language, the youngest age of the audience, at most two topics), never a follower's answers; the
finder (/) only reads them to tick its form, which the follower still checks and submits. Anything
unexpected in the query is dropped, never echoed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Protocol
from urllib.parse import urlencode

from directory.entries import MAXIMUM_AGE, MINIMUM_AGE
from referral.triage import FOR_WHOM

# A link in a bio or a DM should stay short (a DM reply with it stays under 400 characters).
MAXIMUM_TOPICS = 2


class Query(Protocol):
    """What a Django QueryDict offers and what these functions read."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


def finder_query(language: str, age: int | None, topics: Sequence[str]) -> str:
    """The query string of a kit link: the follower looks for help for themselves."""
    pairs: list[tuple[str, str | int]] = [("lang", language), ("for_whom", "self")]
    if age is not None:
        pairs.append(("age", age))
    pairs.extend(("topics", topic) for topic in topics[:MAXIMUM_TOPICS])
    return urlencode(pairs)


def preset_answers(query: Query, language: str, topic_slugs: Collection[str]) -> dict[str, Any]:
    """The finder's starting answers: the page's defaults, with what a link presets and makes sense."""
    for_whom = query.get("for_whom")
    age = query.get("age") or ""
    answers: dict[str, Any] = {
        "for_whom": for_whom if for_whom in FOR_WHOM else "someone_else",
        "language": language,
        "topics": [topic for topic in dict.fromkeys(query.getlist("topics")) if topic in topic_slugs][:MAXIMUM_TOPICS],
        "channels": [],
    }
    if (
        isinstance(age, str)
        and age.isascii()
        and age.isdigit()
        and len(age) <= 3
        and MINIMUM_AGE <= int(age) <= MAXIMUM_AGE
    ):
        answers["age"] = int(age)
    return answers
