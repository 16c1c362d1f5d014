"""HSDS 3.0 services into draft services for curators to review.

A dataset is our own export (services/, taxonomy_terms.json), another directory's files, or an
HSDS API. Every imported service is a draft flagged `needs_verification`, whatever the source says;
a service whose slug is already in the directory is left alone (curators compare by hand). Nothing
is invented: a phone number that does not validate, hours that belong to no known channel and
terms of other taxonomies are named in the draft's verification note instead.

Our own attributes (mapping.py) give back every field exactly. A text that the export merged
(a channel's label and notes, the notes of channels that are not phones) comes back merged into one
field, so that exporting the imported draft gives the same text again; curators split it on review.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from directory import history
from directory.hsds import mapping, schemas
from directory.models import (
    LANGUAGE_CODES,
    Channel,
    Confidence,
    HoursException,
    OpeningHours,
    Organisation,
    Service,
    ServiceTopic,
    Source,
    Topic,
    VerificationMethod,
    one_directory_change,
)

SUMMARY_LENGTH = 300
FETCH_TIMEOUT_SECONDS = 30
# What export_hsds writes beside the services, in case a folder holds them without services/.
NOT_SERVICES = {"dataset.json", "taxonomies.json", "taxonomy_terms.json"}
PHONE_KINDS = {"voice": Channel.Kind.PHONE, "cell": Channel.Kind.PHONE, "text": Channel.Kind.SMS}


@dataclass
class Dataset:
    origin: str
    services: list[dict[str, Any]]
    terms: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"created draft {slug}" for slug in self.created] + [f"skipped {reason}" for reason in self.skipped]


# Reading a dataset --------------------------------------------------------------------------------


def fetch(url: str) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
        return json.load(response)


def is_page(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("contents"), list)


def services_in(document: Any) -> list[dict[str, Any]]:
    """The services of one JSON document: a service, a list of them, or an HSDS API page."""
    if is_page(document):
        document = document["contents"]
    if isinstance(document, dict):
        document = [document]
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ValueError("This is not HSDS: expected a service, a list of services or a page of them.")
    return document


def api_services(url: str, first: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every service of an HSDS API list: each page, and each service in full by its id."""
    base = url.split("?")[0].rstrip("/")
    page = first
    number = 1
    while True:
        for item in page["contents"]:
            yield item if "schedules" in item else fetch(f"{base}/{item['id']}")
        if page.get("last_page", True) or number >= page.get("total_pages", 0):
            return
        number += 1
        page = fetch(f"{base}?{urlencode({'page': number})}")


def read_dataset(location: str) -> Dataset:
    """A folder (services/*.json and taxonomy_terms.json, as export_hsds writes them), a JSON file
    or an http(s) URL (a service, or an HSDS API list, followed page by page)."""
    if urlsplit(location).scheme in {"http", "https"}:
        document = fetch(location)
        services = list(api_services(location, document)) if is_page(document) else services_in(document)
        return Dataset(location, services)
    path = Path(location)
    if path.is_dir():
        files = sorted((path / "services").glob("*.json")) or [
            file for file in sorted(path.glob("*.json")) if file.name not in NOT_SERVICES
        ]
        services = [service for file in files for service in services_in(json.loads(file.read_text("utf-8")))]
        terms_file = path / "taxonomy_terms.json"
        terms = json.loads(terms_file.read_text("utf-8")) if terms_file.exists() else []
        return Dataset(str(path), services, terms)
    return Dataset(str(path), services_in(json.loads(path.read_text("utf-8"))))


# Reading one service ------------------------------------------------------------------------------


def ours(attribute: dict[str, Any], taxonomy: str) -> bool:
    term = attribute.get("taxonomy_term") or {}
    return term.get("taxonomy_id") == mapping.taxonomy_id(taxonomy) and isinstance(attribute.get("value"), str)


def attributes_of(item: dict[str, Any], taxonomy: str) -> list[tuple[str, str]]:
    """(term code, value) of an object's attributes in one of our taxonomies, in order."""
    return [
        (attribute["taxonomy_term"].get("code", ""), attribute["value"])
        for attribute in item.get("attributes") or []
        if ours(attribute, taxonomy)
    ]


def facts_of(item: dict[str, Any]) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = {}
    for code, value in attributes_of(item, mapping.FACTS):
        facts.setdefault(code, []).append(value)
    return facts


def first_fact(facts: dict[str, list[str]], code: str, default: str = "") -> str:
    return facts.get(code, [default])[0]


def yes_no(facts: dict[str, list[str]], code: str) -> bool | None:
    return {"true": True, "false": False}.get(first_fact(facts, code))


def wall_clock(value: str, notes: list[str]) -> time:
    """HH:MM of an opens_at/closes_at; an offset or Z is noted and the clock time kept, since
    our hours are local wall-clock times."""
    if len(value) > 8 or value.endswith("Z"):
        notes.append(f"The time {value} had a UTC offset; read as local time {value[:5]}: check it.")
    # Some directories close at 24:00; ours write midnight as 00:00.
    return time(0) if value[:5] == "24:00" else time.fromisoformat(value[:5])


def age(value: Any, notes: list[str], name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int | float) and value == int(value) and 0 <= value <= 120:
        return int(value)
    notes.append(f"The {name} {value!r} is not a whole number of years from 0 to 120.")
    return None


def split_description(text: str, name: str) -> tuple[str, str]:
    """Summary and description: the first paragraph is the summary when it fits."""
    summary, _, rest = text.partition("\n\n")
    if len(summary) > SUMMARY_LENGTH:
        return summary[: SUMMARY_LENGTH - 1].rstrip() + "…", text
    return summary or name, rest


def import_reason(origin: str) -> str:
    """What a history record says about an imported row, within the record's 100 characters: a
    long path or URL keeps its end (the file or page), which tells one import from another."""
    room = history.CHANGE_REASON_LENGTH - len("Imported from HSDS ()")
    return f"Imported from HSDS ({origin if len(origin) <= room else '…' + origin[-(room - 1) :]})"


def save(instance: Any, reason: str) -> None:
    instance.full_clean()
    instance._change_reason = reason  # the history record says where the row came from
    instance.save()


class ServiceReader:
    """Builds one draft service and its rows from one HSDS service object."""

    def __init__(self, item: dict[str, Any], dataset: Dataset, topics: dict[str, Topic], today: date) -> None:
        self.item = item
        self.dataset = dataset
        self.topics = topics
        self.today = today
        self.notes: list[str] = []
        self.facts = facts_of(item)
        self.reason = import_reason(dataset.origin)

    def slug(self) -> str:
        return first_fact(self.facts, "slug") or slugify(self.item["name"])[:50] or f"hsds-{self.item['id'][:8]}"

    def create(self) -> Service:
        item = self.item
        name = item["name"][:200]
        summary, description = split_description(item.get("description", ""), name)
        eligibility = item.get("eligibility_description", "")
        if len(eligibility) > 300:
            self.notes.append(f"Eligibility as the source describes it: {eligibility}")
        languages = [language.get("code", "") for language in item.get("languages") or []]
        if unknown := [code for code in languages if code not in LANGUAGE_CODES]:
            self.notes.append(f"Languages not in this directory's list: {', '.join(unknown)}.")
        region = first_fact(self.facts, "region")
        method = first_fact(self.facts, "verification-method")
        kind = first_fact(self.facts, "kind")
        service = Service(
            slug=self.slug(),
            name=name,
            organisation=self.organisation(),
            kind=kind if kind in Service.Kind.values else Service.Kind.HELPLINE,
            summary_nl=summary,
            description_nl=description,
            what_to_expect_nl=item.get("application_process", ""),
            website=item.get("url", ""),
            minimum_age=age(item.get("minimum_age"), self.notes, "minimum age"),
            maximum_age=age(item.get("maximum_age"), self.notes, "maximum age"),
            age_note=eligibility[:300],
            languages=[code for code in languages if code in LANGUAGE_CODES],
            free=yes_no(self.facts, "free"),
            anonymous=yes_no(self.facts, "anonymous"),
            accepts_third_party=yes_no(self.facts, "accepts-third-party") or False,
            first_step_for_young_people=yes_no(self.facts, "first-step-for-young-people") or False,
            takes_young_helpers=yes_no(self.facts, "takes-young-helpers") or False,
            age_is_reading=yes_no(self.facts, "age-is-reading") or False,
            region=region if region in Service.Region.values else Service._meta.get_field("region").default,
            time_zone=first_fact(self.facts, "time-zone", Service._meta.get_field("time_zone").default),
            status=Service.Status.DRAFT,
            needs_verification=True,
            last_verified=self.assured_date(),
            verification_method=method if method in VerificationMethod.values else "",
        )
        if not region:
            self.notes.append("The region is this directory's default: the source does not say.")
        save(service, self.reason)
        self.add_topics(service)
        self.add_sources(service)
        self.add_channels(service)
        service.verification_note = "\n".join(
            [
                f"Imported from HSDS 3.0 data ({self.dataset.origin}, id {item['id']}) on {self.today.isoformat()}: "
                "a draft to review. Its facts and dates are the source's; nobody here has checked them yet.",
                *self.notes,
            ]
        )
        save(service, self.reason)
        if item.get("last_modified"):
            # The facts changed when the source says, not when we copied them.
            modified = datetime.fromisoformat(item["last_modified"])
            Service.objects.filter(pk=service.pk).update(updated_at=modified)
        return service

    def assured_date(self) -> date | None:
        """The last verification: only this directory's own, as an export of it carries it.

        A verification is a person here checking with the service. Another directory's
        `assured_date` is when *they* checked: it goes into the note, never into `last_verified`.
        """
        value = self.item.get("assured_date")
        if not value:
            return None
        if not self.facts:
            self.notes.append(f"The source says it last checked these facts on {value} (not a verification here).")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.notes.append(f"The assured date {value!r} is not a date.")
            return None

    def organisation(self) -> Organisation:
        summary = self.item.get("organization") or {}
        name = (summary.get("name") or self.item["name"])[:200]
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation(
                name=name, description=summary.get("description", ""), website=summary.get("website", "")
            )
            save(organisation, self.reason)
        return organisation

    def add_topics(self, service: Service) -> None:
        for code, value in attributes_of(self.item, mapping.TOPICS):
            if code in self.topics:
                centrality = value if value in ServiceTopic.Centrality.values else ServiceTopic.Centrality.SECONDARY
                save(ServiceTopic(service=service, topic=self.topics[code], centrality=centrality), self.reason)
        known = {mapping.taxonomy_id(taxonomy) for taxonomy in mapping.TAXONOMIES}
        others = [
            attribute["taxonomy_term"].get("name", "")
            for attribute in self.item.get("attributes") or []
            if (attribute.get("taxonomy_term") or {}).get("taxonomy_id") not in known
        ]
        if others:
            self.notes.append(f"Taxonomy terms of other taxonomies, not mapped to topics: {', '.join(others)}.")

    def add_sources(self, service: Service) -> None:
        sources = self.facts.get("source", [])
        for value in sources:
            url, citation, source_date = [*value.split("\n"), "", ""][:3]
            save(Source(service=service, url=url, citation=citation, source_date=source_date), self.reason)
        if not sources:
            web = urlsplit(self.dataset.origin).scheme in {"http", "https"}
            save(
                Source(
                    service=service,
                    url=self.dataset.origin if web else "",
                    citation=f"HSDS import ({self.dataset.origin})"[:300],
                    source_date=self.today.isoformat(),
                ),
                self.reason,
            )

    def channel_list(self) -> list[tuple[str, str, str]]:
        """(kind, address, notes) of every channel: ours from the channel attributes, another
        directory's from its phones, e-mail address and contacts."""
        item = self.item
        described: dict[tuple[str, str], list[str]] = {}
        for phone in item.get("phones") or []:
            for key in attributes_of(phone, mapping.CHANNELS)[:1]:
                described.setdefault(key, []).append(phone.get("description", ""))
        listed = attributes_of(item, mapping.CHANNELS)
        if listed:
            # A channel listed twice (two labels for one web address) keeps its own phone description.
            return [(kind, value, (described.get((kind, value)) or [""]).pop(0)) for kind, value in listed]
        channels = [
            (PHONE_KINDS.get(phone.get("type", ""), Channel.Kind.PHONE), phone["number"], phone.get("description", ""))
            for phone in item.get("phones") or []
        ]
        if item.get("email"):
            channels.append((Channel.Kind.EMAIL, item["email"], ""))
        for contact in item.get("contacts") or []:
            channels += [
                (Channel.Kind.PHONE, phone["number"], contact.get("name", "")) for phone in contact.get("phones") or []
            ]
            if contact.get("email"):
                channels.append((Channel.Kind.EMAIL, contact["email"], contact.get("name", "")))
        return channels

    def add_channels(self, service: Service) -> None:
        made: dict[tuple[str, str], Channel] = {}
        for position, (kind, value, notes) in enumerate(self.channel_list(), start=1):
            if kind not in Channel.Kind.values:
                self.notes.append(f"Channel of unknown kind {kind!r} left out: {value}")
                continue
            channel = Channel(service=service, kind=kind, value=value, notes=notes, position=position)
            try:
                save(channel, self.reason)
            except ValidationError as error:
                self.notes.append(f"Channel {kind} {value!r} left out: {'; '.join(error.messages)}")
                continue
            # Hours name their channel by kind and address: the first channel with both gets them.
            made.setdefault((kind, value), channel)
        for schedule in self.item.get("schedules") or []:
            self.add_schedule(schedule, made)

    def add_schedule(self, schedule: dict[str, Any], channels: dict[tuple[str, str], Channel]) -> None:
        linked = attributes_of(schedule, mapping.CHANNELS)
        channel = channels.get(linked[0]) if linked else None
        if channel is None and not linked and len(channels) == 1:
            channel = next(iter(channels.values()))
        if channel is None:
            self.notes.append(f"Hours not tied to one channel, not imported: {schedule_words(schedule)}")
            return
        facts = facts_of(schedule)
        try:
            if schedule.get("valid_from"):
                self.add_exception(schedule, channel)
            else:
                self.add_weekly(schedule, channel, facts, bool(linked))
        except (ValidationError, ValueError, KeyError) as error:
            self.notes.append(
                f"Hours of {channel.kind} {channel.value} not imported ({error}): {schedule_words(schedule)}"
            )

    def add_weekly(self, schedule: dict[str, Any], channel: Channel, facts: dict[str, list[str]], ours: bool) -> None:
        if schedule.get("freq") != "WEEKLY" or not schedule.get("opens_at") or not schedule.get("closes_at"):
            raise ValueError("only weekly rules with opening and closing times map to weekly hours")
        days = [mapping.WEEKDAY_CODES.index(code.strip()) for code in schedule.get("byday", "").split(",")]
        confidence = first_fact(facts, "confidence", Confidence.SECONDARY)
        for weekday in days:
            save(
                OpeningHours(
                    channel=channel,
                    weekday=weekday,
                    opens=wall_clock(schedule["opens_at"], self.notes),
                    closes=wall_clock(schedule["closes_at"], self.notes),
                    confidence=confidence if confidence in Confidence.values else Confidence.SECONDARY,
                    source=first_fact(facts, "hours-source", "" if ours else self.dataset.origin)[:500],
                ),
                self.reason,
            )
        if not channel.hours_note:
            channel.hours_note = schedule.get("notes", "") if ours else f"From HSDS: {schedule_words(schedule)}"
        holidays = first_fact(facts, "public-holidays")
        if holidays in Channel.PublicHolidays.values:
            channel.public_holidays = holidays
        save(channel, self.reason)

    def add_exception(self, schedule: dict[str, Any], channel: Channel) -> None:
        opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
        save(
            HoursException(
                channel=channel,
                first_day=date.fromisoformat(schedule["valid_from"]),
                last_day=date.fromisoformat(schedule.get("valid_to") or schedule["valid_from"]),
                opens=wall_clock(opens, self.notes) if opens else None,
                closes=wall_clock(closes, self.notes) if closes else None,
                reason=schedule.get("notes", "")[:200],
            ),
            self.reason,
        )


def schedule_words(schedule: dict[str, Any]) -> str:
    fields = ("description", "freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "notes")
    return "; ".join(f"{name} {schedule[name]}" for name in fields if schedule.get(name))


def topics_for(dataset: Dataset) -> dict[str, Topic]:
    """Our topics by slug, adding those of our topic taxonomy that this database lacks (names per
    language from the dataset's terms, else from the service's own term). Terms of other taxonomies
    never become topics: curators decide what the questionnaire asks about."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    names: dict[str, dict[str, dict[str, Any]]] = {}
    embedded = [
        attribute["taxonomy_term"]
        for item in dataset.services
        for attribute in item.get("attributes") or []
        if ours(attribute, mapping.TOPICS)
    ]
    for term in [*dataset.terms, *embedded]:
        if term.get("taxonomy_id") == mapping.taxonomy_id(mapping.TOPICS) and term.get("code"):
            names.setdefault(term["code"], {}).setdefault(term.get("language", "nl"), term)
    position = max((topic.position for topic in topics.values()), default=0)
    for slug, by_language in names.items():
        if slug in topics:
            continue
        any_term = by_language.get("nl") or next(iter(by_language.values()))
        position += 1
        texts: dict[str, Any] = {}
        for language in mapping.TOPIC_LANGUAGES:
            term = by_language.get(language) or any_term
            texts[f"name_{language}"] = term["name"][:100]
            texts[mapping.TOPIC_DESCRIPTION_FIELDS[language]] = term.get("description", "")
        topic = Topic(slug=slug, position=position, **texts)
        save(topic, import_reason(dataset.origin))
        topics[slug] = topic
    return topics


def import_dataset(dataset: Dataset, today: date) -> Report:
    """Every valid service of the dataset as a draft, in one transaction."""
    report = Report()
    with transaction.atomic(), one_directory_change():
        topics = topics_for(dataset)
        for item in dataset.services:
            problems = schemas.errors(item, "compiled/service.json")
            if problems:
                report.skipped.append(f"{item.get('name') or item.get('id') or '?'}: not valid HSDS 3.0: {problems[0]}")
                continue
            reader = ServiceReader(item, dataset, topics, today)
            slug = reader.slug()
            if Service.objects.filter(slug=slug).exists():
                report.skipped.append(f"{slug}: already in the directory; compare by hand")
                continue
            try:
                with transaction.atomic():
                    reader.create()
            except ValidationError as error:
                report.skipped.append(f"{slug}: {'; '.join(error.messages)}")
                continue
            except (ValueError, TypeError, KeyError) as error:
                report.skipped.append(f"{slug}: could not be read ({error!r})")
                continue
            report.created.append(slug)
    return report
