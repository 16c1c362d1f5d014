"""Ranking: from the answers and the published directory to ranked, explained suggestions.

Pure: standard library and the pure hours engine only. The rules are explained in prose, with
worked examples, in docs/ranking.md; in short:

- Hard filters: the age (ServiceEntry.accepts_age), the language (a service that speaks neither the
  asked language nor Dutch never appears), and the kind: emergency services only in `emergency`
  (when someone is in danger now), information services only in `resources`.
- Score: a sum of documented weights (topic fit, open now, preferred channel, 24/7, first step for
  young people, age range, third party, free and anonymous, other language), rounded to 2 decimals.
  Ties go to the slug.
- Precedence over the score: for a minor the first-step service (Awel) comes first when it is open;
  when suicidal thoughts are asked, the suicide line is among the first two and a closed first-step
  service never comes above it; the first suggestion is always reachable now (the best open one
  moves up; when none is open, the fallback line comes first).
- `fallback` is always a line reachable at `at`: a 24/7 helpline phone with the best topic fit.

This module holds the rules: each weight is written once, here, and `_evaluate` gives the exact
score of one service. The candidate search (referral/candidates.py) only finds which services to
evaluate: `_groups` splits the pool by the index's facets into groups whose members share every
weight except the free/anonymous one, with an upper bound of their score, and `candidates.search`
walks them best first. A property test checks the whole ranking against scoring every candidate.

What a score takes from the directory and the minute alone (a service's channels at `at`, the
channel chosen without a preference, the reasons no answer changes) is made once per service and
minute (`_ServiceAt`), in a store the caller may share between the rankings of one minute (rank's
`shared`); a property test checks that rankings sharing it rank as each would alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from directory.entries import Catalog, ChannelEntry, ServiceEntry
from directory.hours import UNCERTAIN_HISTORICAL, Certainty, Openness, Schedule, certainty, openness
from referral import candidates
from referral.candidates import (
    PHONE_KIND,
    CatalogIndex,
    Group,
    bits,
    may_open,
    search,
)
from referral.triage import Answers


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a service is suggested; `messages.reason_text` turns it into words in a language."""

    code: str  # e.g. "topic-specialised", "age-fits", "open-now", "preferred-channel", "free-anonymous"
    params: tuple[tuple[str, str], ...] = ()  # e.g. (("channel", "chat"), ("topic", "self-harm"))


@dataclass(frozen=True, slots=True)
class ChannelChoice:
    channel: ChannelEntry
    openness: Openness | None  # None: the channel has no known hours (e-mail, forum, website)
    certainty: Certainty | None = None  # how sure `openness` is; None with it

    @property
    def reachable_now(self) -> bool:
        """A live channel open at `at` on hours that are not historical: someone can be reached."""
        return (
            self.channel.is_live
            and self.openness is not None
            and self.openness.open_now is True
            and (self.certainty is None or self.certainty.reason != UNCERTAIN_HISTORICAL)
        )

    @property
    def confirmed(self) -> bool:
        return self.certainty is not None and self.certainty.confirmed


@dataclass(frozen=True, slots=True)
class Suggestion:
    rank: int
    service: ServiceEntry
    score: float
    reasons: tuple[Reason, ...]
    channel: ChannelChoice  # the best way to reach the service at `at`
    other_channels: tuple[ChannelChoice, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    suggestions: tuple[Suggestion, ...]  # helplines and services, best first; never information sites
    resources: tuple[ServiceEntry, ...]  # information sources that are not helplines (WAT WAT)
    emergency: Suggestion | None  # 112 when someone is in danger now, else None
    fallback: Suggestion  # a line reachable at `at` at any hour (24/7), for the message
    for_helper: tuple[Suggestion, ...]  # when helping someone else: lines that take contact about a third party
    # Moderated peer groups and forums, for non-urgent worries only, next to the suggestions (never instead).
    peer_support: tuple[Suggestion, ...] = ()


# -- The rules as data (docs/ranking.md explains each) ---------------------------------------------

WEIGHT_TOPIC_SPECIALISED = 4.0  # the best asked topic is what the service is for (TopicLink.primary)
WEIGHT_TOPIC_GENERAL = 2.0  # it also helps with an asked topic
WEIGHT_GENERALIST = 1.0  # not linked to an asked topic, but to "other": it listens to any worry
WEIGHT_FIRST_STEP = 2.0  # first_step_for_young_people, for a young person
WEIGHT_OPEN_NOW = 3.0  # the chosen channel is a live channel open at `at`, on confirmed hours
# ... on hours not confirmed (secondary sources): still reachable, but a confirmed line of equal fit
# comes first. Historical hours count as not reachable at all (ChannelChoice.reachable_now).
WEIGHT_OPEN_UNCONFIRMED = 2.0
WEIGHT_PREFERRED_CHANNEL = 1.0  # ... and of a kind the answers prefer
WEIGHT_DAY_AND_NIGHT = 0.5  # ... and open day and night
WEIGHT_AGE_FITS = 0.5  # the service has an age range, and the known age is inside it
WEIGHT_THIRD_PARTY = 0.5  # help for someone else, and the service takes contact about a third party
WEIGHT_FREE_ANONYMOUS = 0.5
WEIGHT_FREE_OR_ANONYMOUS = 0.25
WEIGHT_OTHER_LANGUAGE = -3.0  # speaks Dutch, not the asked language

GENERALIST_TOPIC = "other"
# Questions that need a specialist now (a doctor or pharmacist for a poisoning), not a listening
# line: the line for the topic is not put below the first-step service or a line in another
# language that only listens (docs/ranking.md, "Precedence").
ACUTE_TOPICS = frozenset({"poisoning"})
SUICIDE_TOPIC = "suicidal-thoughts"
# For the fallback only: self-harm and suicidal thoughts overlap, and the safe-messaging checklist
# (shared/reference/safe-messaging.md, point 3) names the suicide line as the 24/7 fallback for both.
# Self-harm is not suicide: without suicidal thoughts the 24/7 fallback is a listening line (a
# generalist, Tele-Onthaal 106), and the message names the suicide line only conditionally.
FALLBACK_RELATED_TOPICS: Mapping[str, tuple[str, ...]] = {}
# Dutch is the directory's own language (as in Text.get): a Dutch-speaking service is still shown,
# lower, when nobody speaks the asked language.
DIRECTORY_LANGUAGE = "nl"
YOUNG_PEOPLE_MAXIMUM_AGE = 25  # Flemish youth work's "jongeren" (JAC: 12-25): the first-step weight
MINORS_MAXIMUM_AGE = 17  # Awel's core audience: the first-step service is put first when open
HELPER_LIMIT = 2
# Peer support is offered only when every asked worry is one of these, and nobody is in danger now:
# a forum is no place for a crisis, and peer talk about self-harm or suicide can hurt the readers.
PEER_SUPPORT_TOPICS = frozenset({"loneliness", "feeling-down"})
PEER_SUPPORT_LIMIT = 1
RESOURCES_LIMIT = 3
MAXIMUM_LIMIT = 10


class NoReachableLine(LookupError):
    """The directory has no line reachable at the moment asked about: it needs a 24/7 helpline."""


def index_catalog(catalog: Catalog) -> CatalogIndex:
    """Prepare a directory snapshot for `rank`: everything that does not depend on the moment."""
    return candidates.index_catalog(catalog, order_weight=_free_anonymous_weight)


def _free_anonymous_weight(service: ServiceEntry) -> float:
    free, anonymous = service.free is True, service.anonymous is True
    if free and anonymous:
        return WEIGHT_FREE_ANONYMOUS
    return WEIGHT_FREE_OR_ANONYMOUS if free or anonymous else 0.0


# -- Ranking ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What the score of one service depends on, besides the service."""

    at: datetime
    topics: tuple[str, ...]
    age: int | None
    language: str
    preferred: frozenset[str]
    region: str  # a province to prefer a walk-in place in; "": none
    about_someone_else: bool
    young: bool  # the first-step weight applies
    young_helper: bool  # lines for a helper who is young: takes_young_helpers counts like third party
    may_prefer: int  # services that may be open at `at` on a preferred live channel
    may_any: int  # ... on any live channel
    openness: Callable[[Schedule], Openness]  # hours.openness at `at`
    certainty: Callable[[Schedule], Certainty]  # hours.certainty at `at`
    # What each service's score takes from the directory and the minute alone, by position: the
    # same for every ranking of the minute (rank's `shared`); for this ranking only without one.
    services_at: dict[int, _ServiceAt]
    # The services evaluated for this context, by (position, chosen channel, region): the fallback
    # and the searches of one ranking meet the same services, often on the same channel. Lives with
    # the context, for one ranking only; a context made with dataclasses.replace starts empty.
    evaluated: dict[tuple[int, int, str], _Evaluated] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )


@dataclass(frozen=True, slots=True)
class _ServiceAt:
    """What the score of a service at `at` takes from the directory and the minute alone (no
    answer changes it), made once per minute and service for every ranking of that minute."""

    choices: tuple[ChannelChoice, ...]  # its channels at `at`
    usual: int  # the channel chosen when no kind is preferred and no region asked (most answers)
    phone: int | None  # its best phone (reachable now first, then open 24/7), None without one
    reached: tuple[tuple[float, tuple[Reason, ...]], ...]  # per channel: open now, 24/7, opens later
    preferred: tuple[Reason, ...]  # per channel: "preferred-channel", when its kind is preferred
    nearby: tuple[Reason | None, ...]  # per channel: "nearby", when it is a place in the asked region
    topics: Mapping[str, tuple[float, Reason]]  # per linked topic: its weight and reason when asked
    age: Reason | None  # "age-fits" with its bounds, when it has an age range
    languages: Mapping[str, Reason]  # per language it speaks but the directory's: "language"
    free: tuple[float, tuple[Reason, ...]]  # free and/or anonymous
    # Every reason of a score is one of these objects (or a constant): the texts of the reasons are
    # made once per minute and language too (referral/answer.py).


@dataclass(frozen=True, slots=True)
class _Evaluated:
    position: int
    service: ServiceEntry
    score: float  # not rounded: the search compares exact sums of quarters
    reasons: tuple[Reason, ...]
    channel: ChannelChoice
    other_channels: tuple[ChannelChoice, ...]
    open_now: bool  # the chosen channel is a live channel open at `at`

    @property
    def slug(self) -> str:
        return self.service.slug


def rank(
    answers: Answers,
    index: CatalogIndex,
    at: datetime,
    *,
    openness_at: Callable[[Schedule], Openness] | None = None,
    certainty_at: Callable[[Schedule], Certainty] | None = None,
    shared: dict[int, Any] | None = None,
) -> Ranking:
    """Rank the directory for these answers at `at` (aware; `answers.at` is not used).

    `openness_at(schedule)` is `hours.openness(schedule, at)` and `certainty_at(schedule)` is
    `hours.certainty(schedule, at)`; a caller may pass ones that share their answers between
    rankings of the same minute (directory/reads.py), and with them `shared`, a dict kept for that
    minute and this index, where the ranking keeps what it derives from them alone (each
    service's channels and fixed reasons at `at`), never anything from the answers."""
    if at.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got the naive {at.isoformat()}")
    if not 1 <= answers.limit <= MAXIMUM_LIMIT:
        raise ValueError(f"limit {answers.limit} is not between 1 and {MAXIMUM_LIMIT}")
    if not answers.topics:
        raise ValueError("the answers name no topic; triage asks for at least one")
    young = answers.age is not None and answers.age <= YOUNG_PEOPLE_MAXIMUM_AGE
    preferred = frozenset(answers.channels)
    may_prefer, may_any = may_open(index, at, preferred)
    context = _Context(
        at=at,
        topics=tuple(dict.fromkeys(answers.topics)),
        age=answers.age,
        language=answers.language,
        preferred=preferred,
        region=answers.region,
        about_someone_else=answers.for_whom == "someone_else",
        young=young,
        young_helper=False,
        may_prefer=may_prefer,
        may_any=may_any,
        openness=openness_at or partial(_openness_at, at=at),
        certainty=certainty_at or partial(_certainty_at, at=at),
        services_at={} if shared is None else shared,
    )
    in_language = _speakers(index, answers.language)
    pool = index.suggestible & index.mask_for_age(answers.age) & in_language

    def best_of(mask: int) -> _Evaluated | None:
        if mask and not mask & (mask - 1):
            return _evaluate(index, context, mask.bit_length() - 1)  # one service (Awel mostly): no search
        return next(iter(_best(index, context, mask, 1, fitting_only=False)), None)

    speakers = index.speaks.get(answers.language, 0)
    # The first-step service may fit no asked topic: for a young person it is a candidate anyway.
    # Its precedence is for those it speaks to: a French request gets no Dutch-only line put first.
    first_step = best_of(index.first_step & pool & speakers) if young else None
    suicide_line = None
    if SUICIDE_TOPIC in context.topics:
        lines = index.primary.get(SUICIDE_TOPIC, 0) & index.day_and_night_live & pool
        suicide_line = best_of(lines & index.speaks.get(answers.language, 0) or lines)
    known = tuple(found for found in (first_step, suicide_line) if found is not None)
    ranked = _best(index, context, pool, answers.limit, known=known)
    acute = not ACUTE_TOPICS.isdisjoint(context.topics)
    minor = answers.age is not None and answers.age <= MINORS_MAXIMUM_AGE and not acute
    ordered = _apply_precedence(ranked, first_step, suicide_line, minor=minor)[: answers.limit]

    fallback, reachable = _fallback(index, context, pool)
    # The message names the first suggestion as the one to contact: it must be reachable now.
    first_open = next((found for found in ordered if found.open_now), None)
    if first_open is None:
        ordered = [reachable, *ordered[: answers.limit - 1]]
    elif first_open is not ordered[0]:
        ordered = [first_open, *(found for found in ordered if found is not first_open)]
    if answers.language not in ordered[0].service.languages and not acute:
        # Language is part of fit: a line that speaks the asked language, fits and is open now comes
        # first, above a line in another language (docs/ranking.md, "Language").
        in_own_language = next(iter(_best(index, context, pool & speakers, 1, open_only=True)), None)
        if in_own_language is not None:
            others = [found for found in ordered if found.position != in_own_language.position]
            ordered = [in_own_language, *others][: answers.limit]
    return Ranking(
        suggestions=tuple(_suggestion(found, number) for number, found in enumerate(ordered, start=1)),
        resources=_resources(index, context, in_language),
        emergency=_emergency(index, context) if answers.danger_now else None,
        fallback=_suggestion(fallback, 1),
        for_helper=_for_helper(index, context, in_language),
        peer_support=_peer_support(index, context, in_language, danger_now=answers.danger_now),
    )


def _openness_at(schedule: Schedule, at: datetime) -> Openness:
    return openness(schedule, at)


def _certainty_at(schedule: Schedule, at: datetime) -> Certainty:
    return certainty(schedule, at)


def _speakers(index: CatalogIndex, language: str) -> int:
    return index.speaks.get(language, 0) | index.speaks.get(DIRECTORY_LANGUAGE, 0)


def _topic_tiers(index: CatalogIndex, topics: Iterable[str]) -> list[tuple[int, float]]:
    """Specialised in an asked topic, linked to one, generalist ("other"), each with its weight."""
    specialised = general = 0
    for topic in topics:
        specialised |= index.primary.get(topic, 0)
        general |= index.linked.get(topic, 0)
    general &= ~specialised
    generalist = index.linked.get(GENERALIST_TOPIC, 0) & ~(specialised | general)
    return [(specialised, WEIGHT_TOPIC_SPECIALISED), (general, WEIGHT_TOPIC_GENERAL), (generalist, WEIGHT_GENERALIST)]


def _groups(
    index: CatalogIndex,
    context: _Context,
    pool: int,
    *,
    open_only: bool,
    fitting_only: bool = True,
) -> list[Group]:
    """Split the pool into groups that share every weight but the free/anonymous one.

    The open-now part is only bounded here (hours.openness is asked when a member is visited):
    members that may be open carry its largest value in `offset`; the others are certainly closed.
    Services that fit no asked topic and are no generalist are left out when `fitting_only`.
    """
    everyone = index.everyone
    may_prefer, may_any = context.may_prefer, context.may_any
    tiers = _topic_tiers(index, context.topics)
    if not fitting_only:
        tiers.append((everyone & ~(tiers[0][0] | tiers[1][0] | tiers[2][0]), 0.0))
    factors: list[list[tuple[int, float]]] = [tiers]
    speaks = index.speaks.get(context.language, 0)
    if context.language != DIRECTORY_LANGUAGE:
        factors.append([(speaks, 0.0), (index.speaks.get(DIRECTORY_LANGUAGE, 0) & ~speaks, WEIGHT_OTHER_LANGUAGE)])
    if context.age is not None:
        factors.append([(index.age_bounded, WEIGHT_AGE_FITS), (everyone & ~index.age_bounded, 0.0)])
    if context.about_someone_else:
        helpers = index.third_party | (index.young_helpers if context.young_helper else 0)
        factors.append([(helpers, WEIGHT_THIRD_PARTY), (everyone & ~helpers, 0.0)])
    if context.young:
        factors.append([(index.first_step, WEIGHT_FIRST_STEP), (everyone & ~index.first_step, 0.0)])
    always = index.day_and_night_live
    # A 24/7 member gets the preferred weight only if some preferred kind may be open at all.
    always_part = WEIGHT_OPEN_NOW + WEIGHT_DAY_AND_NIGHT + (WEIGHT_PREFERRED_CHANNEL if may_prefer else 0.0)
    openness_factor = [
        (always, always_part),
        (may_prefer & ~always, WEIGHT_OPEN_NOW + WEIGHT_PREFERRED_CHANNEL),
        (may_any & ~may_prefer & ~always, WEIGHT_OPEN_NOW),
    ]
    if not open_only:
        openness_factor.append((everyone & ~may_any & ~always, 0.0))
    parts = [(pool, 0.0)]
    for factor in factors:
        parts = [(mask & part, offset + weight) for mask, offset in parts for part, weight in factor if mask & part]
    return [
        Group(rest=mask & part, offset=offset + weight, may_open=weight > 0)
        for mask, offset in parts
        for part, weight in openness_factor
        if mask & part
    ]


def _best(
    index: CatalogIndex,
    context: _Context,
    pool: int,
    wanted: int,
    *,
    known: tuple[_Evaluated, ...] = (),
    open_only: bool = False,
    fitting_only: bool = True,
) -> list[_Evaluated]:
    """The `wanted` best services of the pool (plus those already evaluated), best first; only open
    ones when `open_only`; only those fitting an asked topic (or generalists) when `fitting_only`."""
    groups = _groups(index, context, pool, open_only=open_only, fitting_only=fitting_only)
    return search(index, groups, wanted, partial(_evaluate, index, context), known=known, open_only=open_only)


def _apply_precedence(
    ranked: list[_Evaluated], first_step: _Evaluated | None, suicide_line: _Evaluated | None, *, minor: bool
) -> list[_Evaluated]:
    """The precedence rules over the score, in this order (docs/ranking.md, "Precedence").

    1. For a minor, the first-step service comes first when it is open now.
    2. When suicidal thoughts are asked, the suicide line is among the first two...
    3. ...and a first-step service that was not put first never comes above it.
    """
    order = list(ranked)
    put_first = minor and first_step is not None and first_step.open_now

    def move(found: _Evaluated, place: int) -> None:
        order[:] = [each for each in order if each.position != found.position]
        order.insert(place, found)

    def place_of(found: _Evaluated) -> int:
        return next((i for i, each in enumerate(order) if each.position == found.position), len(order))

    if put_first and first_step is not None:
        move(first_step, 0)
    if suicide_line is not None:
        if place_of(suicide_line) > 1:
            move(suicide_line, min(1, len(order)))
        if (
            first_step is not None
            and not put_first
            and first_step.position != suicide_line.position
            and place_of(first_step) < place_of(suicide_line)
        ):
            move(first_step, place_of(suicide_line))  # counted before first_step leaves: just below the line
    return order


def _fallback(index: CatalogIndex, context: _Context, pool: int) -> tuple[_Evaluated, _Evaluated]:
    """The 24/7 line for the message (on its 24/7 phone), and the same line as a suggestion.

    The helpline with a 24/7 phone open at `at` that is for the worry (a primary asked topic; for
    self-harm also the suicide line's topic), else one that listens to any worry (a generalist),
    else one that also helps with an asked topic (the poison centre for drugs), else any; then one
    that speaks the asked language; then the index order. The related topics only choose the line:
    its reasons and score are those of the asked topics.
    """
    related = dict.fromkeys(context.topics)
    for topic in context.topics:
        related.update(dict.fromkeys(FALLBACK_RELATED_TOPICS.get(topic, ())))
    lines = index.day_and_night_phone & pool
    (specialised, _), (general, _), (generalist, _) = _topic_tiers(index, related)
    tiers = [specialised & lines, generalist & lines, general & lines]
    tiers.append(lines & ~(specialised | general | generalist))
    speaks = index.speaks.get(context.language, 0)
    for tier in tiers:
        for mask in (tier & speaks, tier & ~speaks):
            for position in bits(mask):
                phone = _day_and_night_phone(index, position)
                if phone.schedule is not None and context.openness(phone.schedule).open_now:
                    return _evaluate(index, context, position, phone=True), _evaluate(index, context, position)
    # No 24/7 line reachable (a date exception closed them all): the best line open now will do.
    found = _best(index, context, pool, 1, open_only=True)
    if not found:
        raise NoReachableLine(f"no line in directory {index.version!r} is reachable at {context.at.isoformat()}")
    return found[0], found[0]


def _day_and_night_phone(index: CatalogIndex, position: int) -> ChannelEntry:
    service = index.services[position]
    return next(
        channel
        for channel, whole in zip(service.channels, index.day_and_night[position], strict=True)
        if whole and channel.kind == PHONE_KIND
    )


def _for_helper(index: CatalogIndex, context: _Context, in_language: int) -> tuple[Suggestion, ...]:
    """Lines for the helper themself: open now, taking contact about someone else, for any age.

    The helper's own age is not asked, so services without an age range qualify, and the age does not
    count (no age weight). A young age is the helper's or their friend's ("how old are you, or the
    person you help"): then the helper is probably young too, so lines that take questions about
    others from young people (Awel) and accept that age qualify, and the first-step weight applies.
    """
    if not context.about_someone_else:
        return ()
    helper = dataclasses.replace(context, age=None, young_helper=context.young)
    pool = index.suggestible & index.third_party & ~index.age_bounded & in_language
    young_lines = 0
    if context.young:
        young_lines = index.suggestible & index.young_helpers & index.mask_for_age(context.age) & in_language
    found = _best(index, helper, pool | young_lines, HELPER_LIMIT, open_only=True)
    # A young helper gets a line for young people when one is open, in the last place if need be.
    young_line = next(iter(_best(index, helper, young_lines, 1, open_only=True)), None) if young_lines else None
    if young_line is not None and all(each.position != young_line.position for each in found):
        found = [*found[: HELPER_LIMIT - 1], young_line]
    return tuple(_suggestion(each, number) for number, each in enumerate(found, start=1))


def _peer_support(
    index: CatalogIndex, context: _Context, in_language: int, *, danger_now: bool
) -> tuple[Suggestion, ...]:
    """Moderated peer support for the age, for non-urgent worries only (PEER_SUPPORT_TOPICS), never
    when someone is in danger now; scored like suggestions, so one linked to the worry comes first."""
    if danger_now or not set(context.topics) <= PEER_SUPPORT_TOPICS:
        return ()
    pool = index.peer_support & index.mask_for_age(context.age) & in_language
    found = _best(index, context, pool, PEER_SUPPORT_LIMIT)
    return tuple(_suggestion(each, number) for number, each in enumerate(found, start=1))


def _resources(index: CatalogIndex, context: _Context, in_language: int) -> tuple[ServiceEntry, ...]:
    """Information services for the age and topics: specialised first, then in the asked language."""
    pool = index.information & index.mask_for_age(context.age) & in_language
    speaks = index.speaks.get(context.language, 0)
    found: list[ServiceEntry] = []
    for tier, _weight in _topic_tiers(index, context.topics):
        for mask in (tier & pool & speaks, tier & pool & ~speaks):
            for position in bits(mask):
                found.append(index.services[position])
                if len(found) == RESOURCES_LIMIT:
                    return tuple(found)
    return tuple(found)


def _emergency(index: CatalogIndex, context: _Context) -> Suggestion | None:
    """The emergency service for someone in danger now, on its phone.

    Language does not filter here: in danger, any emergency number beats none. Preferred: a phone
    open now, a service for any emergency (linked to "other" or to no topic), the asked language.
    """
    candidates = []
    for position in bits(index.emergency & index.mask_for_age(context.age)):
        service = index.services[position]
        service_at = _service_at(index, context, position)
        if service_at.phone is None:
            continue
        # Open now when its best phone is reachable (the one `_evaluate` then chooses): only the
        # service chosen is evaluated in full (a directory of 10,000 services has hundreds).
        open_now = service_at.choices[service_at.phone].reachable_now
        broad = not service.topics or service.topic(GENERALIST_TOPIC) is not None
        key = (not open_now, not broad, context.language not in service.languages, service.slug)
        candidates.append((key, position))
    if not candidates:
        return None
    return _suggestion(_evaluate(index, context, min(candidates)[1], phone=True), 1)


def _evaluate(index: CatalogIndex, context: _Context, position: int, *, phone: bool = False) -> _Evaluated:
    """The exact score and reasons of one service at `at`, with its channel chosen (or its phone).

    The asked province picks the place shown, never the service's rank: the score is the one the
    service gets without a province, even when the place in that province has less certain hours
    (its reasons and card still say so)."""
    found = _evaluate_in(index, context, position, phone=phone, region="")
    if not context.region or phone:
        return found
    placed = _evaluate_in(index, context, position, region=context.region)
    return found if placed is found else dataclasses.replace(placed, score=found.score)


def _evaluate_in(
    index: CatalogIndex, context: _Context, position: int, *, region: str, phone: bool = False
) -> _Evaluated:
    """`_evaluate` with the place chosen in `region` ("": anywhere)."""
    service_at = _service_at(index, context, position)
    choices = service_at.choices
    if phone:
        chosen = service_at.phone
        assert chosen is not None, "evaluated on its phone, a service without one"
    elif context.preferred or region:
        chosen = _chosen(choices, context.preferred, region)
    else:
        chosen = service_at.usual
    # All that follows depends only on the channel chosen (not on how: on its phone or not) and on
    # whether it is in the asked region.
    nearby = region if region and choices[chosen].channel.region == region else ""
    found = context.evaluated.get((position, chosen, nearby))
    if found is None:
        found = _score(index, context, position, service_at, chosen, nearby)
        context.evaluated[(position, chosen, nearby)] = found
    return found


def _score(
    index: CatalogIndex,
    context: _Context,
    position: int,
    service_at: _ServiceAt,
    chosen: int,
    nearby: str,
) -> _Evaluated:
    """The exact score and reasons of one service reached on its channel `chosen`, a place in the
    asked region `nearby` ("": not in it, or none asked)."""
    service = index.services[position]
    choices = service_at.choices
    choice = choices[chosen]
    open_now = choice.reachable_now
    reasons: list[Reason] = []
    score = 0.0
    if context.young and service.first_step_for_young_people:
        score += WEIGHT_FIRST_STEP
        reasons.append(_FIRST_STEP)
    score += _topic_reasons(service_at, context.topics, reasons)
    weight, reached = service_at.reached[chosen]
    score += weight
    reasons += reached
    if choice.channel.kind in context.preferred:
        score += WEIGHT_PREFERRED_CHANNEL if open_now else 0.0
        reasons.append(service_at.preferred[chosen])
    if nearby and (place := service_at.nearby[chosen]) is not None:
        # Only the place is chosen by region, never the service: no weight (docs/ranking.md, "Region").
        reasons.append(place)
    if context.age is not None and service_at.age is not None:
        score += WEIGHT_AGE_FITS
        reasons.append(service_at.age)
    if context.language in service.languages:
        if context.language != DIRECTORY_LANGUAGE:
            reasons.append(service_at.languages[context.language])
    else:
        score += WEIGHT_OTHER_LANGUAGE
    if context.about_someone_else and service.accepts_third_party:
        score += WEIGHT_THIRD_PARTY
        reasons.append(_THIRD_PARTY)
    elif context.about_someone_else and context.young_helper and service.takes_young_helpers:
        score += WEIGHT_THIRD_PARTY
        reasons.append(_YOUNG_HELPERS)
    weight, free = service_at.free
    score += weight
    reasons += free
    return _Evaluated(
        position=position,
        service=service,
        score=score,
        reasons=tuple(reasons),
        channel=choice,
        other_channels=choices[:chosen] + choices[chosen + 1 :],
        open_now=open_now,
    )


_FIRST_STEP = Reason("first-step-young-people")
_GENERALIST = Reason("generalist")
_THIRD_PARTY = Reason("third-party")
_YOUNG_HELPERS = Reason("young-helpers")


def _topic_reasons(service_at: _ServiceAt, topics: tuple[str, ...], reasons: list[Reason]) -> float:
    """Add a reason per asked topic the service is linked to; return the weight of the best fit."""
    best = 0.0
    for topic in topics:
        fit = service_at.topics.get(topic)
        if fit is not None:
            best = max(best, fit[0])
            reasons.append(fit[1])
    if not best and topics and GENERALIST_TOPIC in service_at.topics:
        # Not linked to the worry itself, but it listens to any worry: its own reason, never a
        # claim that it helps with the asked topic.
        reasons.append(_GENERALIST)
        best = WEIGHT_GENERALIST
    return best


def _service_at(index: CatalogIndex, context: _Context, position: int) -> _ServiceAt:
    found = context.services_at.get(position)
    if found is None:
        service = index.services[position]
        choices = tuple([_choice(channel, context) for channel in service.channels])
        age = None
        if service.minimum_age is not None or service.maximum_age is not None:
            # Bounds no source states are said as usual ages, not official ones.
            reading = (("reading", "yes"),) if service.age_is_reading else ()
            bounds = (("minimum", _age_text(service.minimum_age)), ("maximum", _age_text(service.maximum_age)))
            age = Reason("age-fits", (*bounds, *reading))
        found = context.services_at[position] = _ServiceAt(
            choices=choices,
            usual=_chosen(choices, frozenset(), ""),
            phone=min(
                (i for i, choice in enumerate(choices) if choice.channel.kind == PHONE_KIND),
                key=lambda i: (not choices[i].reachable_now, not index.day_and_night[position][i], i),
                default=None,
            ),
            reached=tuple(map(_reached, choices, index.day_and_night[position])),
            preferred=tuple(Reason("preferred-channel", (("channel", channel.kind),)) for channel in service.channels),
            nearby=tuple(
                Reason("nearby", (("region", channel.region),)) if channel.region else None
                for channel in service.channels
            ),
            topics={
                link.slug: (
                    (WEIGHT_TOPIC_SPECIALISED, Reason("topic-specialised", (("topic", link.slug),)))
                    if link.primary
                    else (WEIGHT_TOPIC_GENERAL, Reason("topic-general", (("topic", link.slug),)))
                )
                for link in reversed(service.topics)  # the first link of a slug counts, as in ServiceEntry.topic
            },
            age=age,
            languages={
                language: Reason("language", (("language", language),))
                for language in service.languages
                if language != DIRECTORY_LANGUAGE
            },
            free=(_free_anonymous_weight(service), _free_reasons(service)),
        )
    return found


def _reached(choice: ChannelChoice, day_and_night: bool) -> tuple[float, tuple[Reason, ...]]:
    """The weight and reasons of reaching a service on this channel at `at`: open now (on confirmed
    hours or not) and open day and night, or when a closed live channel opens."""
    kind = ("channel", choice.channel.kind)
    if choice.reachable_now:
        confirmed = choice.confirmed
        weight = WEIGHT_OPEN_NOW if confirmed else WEIGHT_OPEN_UNCONFIRMED
        reasons = [Reason("open-now" if confirmed else "open-now-unconfirmed", (kind,))]
        if day_and_night:
            weight += WEIGHT_DAY_AND_NIGHT
            reasons.append(Reason("24-7" if confirmed else "24-7-unconfirmed", (kind,)))
        return weight, tuple(reasons)
    if choice.channel.is_live and choice.openness is not None and choice.openness.next_open_at is not None:
        later = "opens-later" if choice.confirmed else "opens-later-unconfirmed"
        return 0.0, (Reason(later, (kind, ("when", choice.openness.next_open_at.isoformat()))),)
    return 0.0, ()


def _free_reasons(service: ServiceEntry) -> tuple[Reason, ...]:
    if service.free is True and service.anonymous is True:
        return (Reason("free-anonymous"),)
    if service.free is True:
        return (Reason("free"),)
    return (Reason("anonymous"),) if service.anonymous is True else ()


def _chosen(choices: tuple[ChannelChoice, ...], preferred: frozenset[str], region: str) -> int:
    """The best way to reach a service at `at` (`_channel_key`), by its place in `choices`."""
    if len(choices) == 1:
        return 0
    keys = [_channel_key(choice, i, preferred, region) for i, choice in enumerate(choices)]
    return keys.index(min(keys))


def _choice(channel: ChannelEntry, context: _Context) -> ChannelChoice:
    if channel.schedule is None:
        return ChannelChoice(channel, None)
    return ChannelChoice(channel, context.openness(channel.schedule), context.certainty(channel.schedule))


def _channel_key(
    choice: ChannelChoice, place: int, preferred: frozenset[str], region: str
) -> tuple[int, bool, bool, float, int]:
    """Open live channels first (preferred kinds first, then one in the asked region, then confirmed
    hours), then a preferred asynchronous one, then the closed live channel that opens first
    (preferred first), then other asynchronous ones, then live channels without known hours; within
    each, a place in the asked region first; the channel order breaks ties."""
    channel, hours = choice.channel, choice.openness
    is_preferred = channel.kind in preferred
    elsewhere = bool(region) and channel.region != region
    if choice.reachable_now:
        return (0 if is_preferred else 1), elsewhere, not choice.confirmed, 0.0, place
    if not channel.is_live:
        return (2 if is_preferred else 4), elsewhere, False, 0.0, place
    if hours is not None and hours.next_open_at is not None:
        return 3, not is_preferred, elsewhere, hours.next_open_at.timestamp(), place
    return 5, not is_preferred, elsewhere, 0.0, place


def _age_text(age: int | None) -> str:
    return "" if age is None else str(age)


def _suggestion(found: _Evaluated, number: int) -> Suggestion:
    return Suggestion(
        rank=number,
        service=found.service,
        score=round(found.score, 2),
        reasons=found.reasons,
        channel=found.channel,
        other_channels=found.other_channels,
    )
