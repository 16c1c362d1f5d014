"""The published directory as Open Referral HSDS 3.0 objects: services, organizations, taxonomies.

docs/hsds.md says what maps where and what does not. The rules behind the code:

- Ids are uuid5 of a natural key (slugs, names, a channel's kind and address) on one fixed
  namespace, so the same data gets the same ids in every export and in every database.
- Facts HSDS 3.0 has no field for (slug, kind, region, free, anonymous, sources, the hours'
  confidence...) are attributes on three taxonomies of our own; their terms are published too.
- Every channel is a service attribute of the channel taxonomy, its address as the value, in the
  curators' order. Phone, SMS and WhatsApp channels are also HSDS `phones`; the first e-mail
  channel is the service's `email`.
- Hours are `schedules` on the service (HSDS 3.0 cannot attach a schedule to a phone or a chat):
  one per channel and set of weekdays with the same times, which an attribute ties to its channel.
  Times are local wall-clock times in the service's IANA zone, named in an attribute and in the
  description. HSDS `timezone` is a UTC offset, which would be wrong for half of the year in a zone
  with summer time, so it is never written.
- A text that merges several fields is written so that importing it into one field and exporting
  again gives the same text (see reading.py): nothing is dropped, and curators split it on review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC
from itertools import groupby
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import override

from directory.entries import Catalog
from directory.models import (
    Channel,
    Confidence,
    HoursException,
    OpeningHours,
    Organisation,
    Province,
    Service,
    Topic,
)

# uuid5(NAMESPACE_URL, "https://hulplijnen-verwijsgids.be/hsds"). Never change it: every published
# id derives from it.
NAMESPACE = uuid.UUID("17d2f602-c662-5470-9872-84a201527fb3")
HSDS_VERSION = "3.0"
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Hulplijnen-verwijsgids (referral directory of helplines for young people in Flanders)",
    "statement": (
        "The project publishes this directory data under CC BY 4.0. The facts come from the services' "
        "own public pages and the sources named with each service; credit the directory and keep the sources."
    ),
}

TOPIC_LANGUAGES = ("nl", "fr", "en")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PHONE_TYPES = {Channel.Kind.PHONE: "voice", Channel.Kind.SMS: "text", Channel.Kind.WHATSAPP: "text"}
LANGUAGE_NAMES = {
    "nl": "Dutch",
    "fr": "French",
    "en": "English",
    "de": "German",
    "ar": "Arabic",
    "tr": "Turkish",
    "pl": "Polish",
    "uk": "Ukrainian",
    "ro": "Romanian",
    "es": "Spanish",
}

TOPICS = "topic"
CHANNELS = "channel"
FACTS = "fact"
TAXONOMIES = {
    TOPICS: (
        "Hulplijnen-verwijsgids: topics",
        "What a service helps with: the topics of the referral questionnaire. One term per topic and language "
        "(nl, fr, en), the topic's slug as code; services link to the Dutch term, with the value primary "
        "(what the service is for) or secondary (also helps with this).",
    ),
    CHANNELS: (
        "Hulplijnen-verwijsgids: channels",
        "How to reach a service. The attribute's value is the channel's address as people should see it: "
        "phone number, web address, e-mail address or walk-in place. On a schedule it names the channel "
        "whose hours the schedule gives.",
    ),
    FACTS: (
        "Hulplijnen-verwijsgids: facts",
        "Facts of this directory that HSDS 3.0 has no field for; the attribute's value holds the fact.",
    ),
}
FACT_TERMS = {
    "slug": "The service's stable identifier in this directory; its HSDS ids derive from it.",
    "kind": "The kind of service: helpline, information, walk-in or emergency.",
    "region": "Where the service serves: flanders, brussels, flanders-brussels, wallonia-brussels, belgium or local.",
    "free": "true or false; absent when not known.",
    "anonymous": "true or false; absent when not known.",
    "accepts-third-party": "true: friends, parents and others may contact it about someone.",
    "first-step-for-young-people": (
        "true: the Flemish helplines agreed (2020) to put this service forward first for children and young people."
    ),
    "takes-young-helpers": (
        "true: a young person may contact it about a friend or someone else, even if adults may not."
    ),
    "age-is-reading": (
        "true: no source states minimum_age and maximum_age; they are a reading of the audience "
        "(eligibility_description says which), to show as usual ages, not official ones."
    ),
    "verification-method": (
        "How a person here last checked the service's facts with the service itself (on the assured_date): "
        "phone_call, own_website or own_edit."
    ),
    "time-zone": "The IANA time zone of the opening hours; opens_at and closes_at are local wall-clock times in it.",
    "source": (
        "A source of the service's facts: three lines, the URL, the citation and the source date (each may be empty)."
    ),
    "confidence": (
        "How sure a schedule's hours are: primary-dated, official-undated, secondary-unverified or historical "
        "(was true then)."
    ),
    "hours-source": "Where a schedule's hours come from.",
    "public-holidays": "What the channel does on Belgian public holidays: closed, open or unknown.",
}


HOLIDAY_WORDS = {
    Channel.PublicHolidays.CLOSED: "Closed on Belgian public holidays.",
    Channel.PublicHolidays.OPEN: "Open on Belgian public holidays.",
    Channel.PublicHolidays.UNKNOWN: "",  # the default: nothing to say
}


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def english(label: Any) -> str:
    """A model choice label in English, whatever language is active: pass the lazy label
    (`Kind(value).label`), not `get_FOO_display()`, which is already in the active language."""
    with override("en"):
        return str(label)


def organisation_key(organisation: Organisation) -> str:
    return getattr(organisation, "slug", "") or slugify(organisation.name)


def organization_id(organisation: Organisation) -> str:
    return stable_id("organization", organisation_key(organisation))


def service_id(slug: str) -> str:
    return stable_id("service", slug)


def service_slugs_by_id(catalog: Catalog) -> dict[str, str]:
    """The published services' slugs by HSDS id: built once per directory snapshot
    (`snapshot().derived`), so a lookup by id hashes no slug."""
    return {service_id(service.slug): service.slug for service in catalog.services}


def taxonomy_id(taxonomy: str) -> str:
    return stable_id("taxonomy", taxonomy)


def term_id(taxonomy: str, code: str, language: str = "") -> str:
    return stable_id("taxonomy", taxonomy, code, *([language] if language else []))


# Taxonomies ---------------------------------------------------------------------------------------


def taxonomy_object(taxonomy: str) -> dict[str, Any]:
    name, description = TAXONOMIES[taxonomy]
    return {"id": taxonomy_id(taxonomy), "name": name, "description": description}


def taxonomies() -> list[dict[str, Any]]:
    return sorted((taxonomy_object(taxonomy) for taxonomy in TAXONOMIES), key=lambda item: item["name"])


def term_object(taxonomy: str, code: str, name: str, description: str, language: str = "en") -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code, language if taxonomy == TOPICS else ""),
        "code": code,
        "name": name,
        "description": description,
        "language": language,
        "taxonomy": TAXONOMIES[taxonomy][0],
        "taxonomy_id": taxonomy_id(taxonomy),
    }


# The topic's English description is its `description` field, which predates the other languages.
TOPIC_DESCRIPTION_FIELDS = {"nl": "description_nl", "fr": "description_fr", "en": "description"}


def topic_terms(topic: Topic) -> list[dict[str, Any]]:
    return [
        term_object(
            TOPICS,
            topic.slug,
            getattr(topic, f"name_{language}"),
            getattr(topic, TOPIC_DESCRIPTION_FIELDS[language]),
            language,
        )
        for language in TOPIC_LANGUAGES
    ]


def channel_term(kind: str) -> dict[str, Any]:
    return term_object(CHANNELS, kind, english(Channel.Kind(kind).label), TAXONOMIES[CHANNELS][1])


def fact_term(code: str) -> dict[str, Any]:
    return term_object(FACTS, code, code.replace("-", " "), FACT_TERMS[code])


def taxonomy_terms(topics: Iterable[Topic]) -> list[dict[str, Any]]:
    """Every term of the three taxonomies: topics in their order, then channels and facts."""
    terms = [term for topic in topics for term in topic_terms(topic)]
    terms += [channel_term(kind) for kind in Channel.Kind.values]
    terms += [fact_term(code) for code in FACT_TERMS]
    return [term | {"taxonomy_detail": taxonomy_object(TAXONOMIES_BY_ID[term["taxonomy_id"]])} for term in terms]


TAXONOMIES_BY_ID = {taxonomy_id(taxonomy): taxonomy for taxonomy in TAXONOMIES}


# Services -----------------------------------------------------------------------------------------


def published_services() -> QuerySet[Service]:
    return Service.objects.published().order_by("slug")


class AttributeList:
    """The attributes of one object (service, phone or schedule), with ids from their position."""

    def __init__(self, owner_id: str, entity: str) -> None:
        self.owner_id = owner_id
        self.entity = entity
        self.items: list[dict[str, Any]] = []

    def add(self, taxonomy: str, term: dict[str, Any], value: str) -> None:
        self.items.append(
            {
                "id": stable_id(self.owner_id, "attribute", str(len(self.items))),
                "link_id": self.owner_id,
                "link_entity": self.entity,
                "link_type": taxonomy,
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
                "value": value,
            }
        )

    def fact(self, code: str, value: str | bool | None) -> None:
        if value is None or value == "":
            return
        self.add(FACTS, fact_term(code), str(value).lower() if isinstance(value, bool) else value)


def channel_ids(service_key: str, channels: Iterable[Channel]) -> dict[int, str]:
    """Each channel's id from its kind and address; a repeated channel gets a counter."""
    ids: dict[int, str] = {}
    seen: dict[str, int] = {}
    for channel in channels:
        key = f"{channel.kind}:{channel.value}"
        seen[key] = seen.get(key, 0) + 1
        ids[channel.pk] = stable_id(service_key, "channel", key, *([str(seen[key])] if seen[key] > 1 else []))
    return ids


def channel_name(channel: Channel) -> str:
    kind = english(Channel.Kind(channel.kind).label)
    return f"{kind[:1].upper()}{kind[1:]} {channel.value}"


def channel_text(channel: Channel) -> str:
    """What HSDS has no field for on a channel: its Dutch label, a walk-in place's province, its
    notes, and its hours note and holiday closing when it has no weekly hours (otherwise those go
    with its schedules)."""
    province = f"Province: {english(Province(channel.region).label)}." if channel.region else ""
    parts = [channel.label, province, channel.notes]
    if not channel.opening_hours.all():
        parts += [channel.hours_note, HOLIDAY_WORDS[channel.public_holidays]]
    return "\n".join(part for part in parts if part)


def hh_mm(value: Any) -> str:
    return f"{value:%H:%M}"


def slot_words(opens: Any, closes: Any) -> str:
    if opens == closes:
        return "24 hours"
    if closes < opens and hh_mm(closes) != "00:00":
        return f"{hh_mm(opens)}–{hh_mm(closes)} (until {hh_mm(closes)} the next day)"
    return f"{hh_mm(opens)}–{hh_mm(closes)}"


def weekly_schedules(channel: Channel, channel_id: str, sid: str, time_zone: str) -> list[dict[str, Any]]:
    """One schedule per run of weekdays with the same times, confidence and source."""

    def key(slot: OpeningHours) -> tuple[Any, ...]:
        return (slot.opens, slot.closes, slot.confidence, slot.source)

    schedules = []
    for (opens, closes, confidence, source), slots in groupby(sorted(channel.opening_hours.all(), key=key), key=key):
        days = sorted(slot.weekday for slot in slots)
        byday = ",".join(WEEKDAY_CODES[day] for day in days)
        schedule_id = stable_id(channel_id, "weekly", byday, hh_mm(opens), hh_mm(closes), confidence, source)
        holidays = f" {HOLIDAY_WORDS[channel.public_holidays]}".rstrip()
        attributes = AttributeList(schedule_id, "schedule")
        attributes.add(CHANNELS, channel_term(channel.kind), channel.value)
        attributes.fact("time-zone", time_zone)
        attributes.fact("confidence", confidence)
        attributes.fact("hours-source", source)
        attributes.fact("public-holidays", channel.public_holidays)
        schedule = {
            "id": schedule_id,
            "service_id": sid,
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": hh_mm(opens),
            "closes_at": hh_mm(closes),
            "attending_type": english(Channel.Kind(channel.kind).label),
            "description": (
                f"{channel_name(channel)}: {', '.join(WEEKDAY_NAMES[day] for day in days)} "
                f"{slot_words(opens, closes)}, local time in {time_zone}; "
                f"{english(Confidence(confidence).label)}.{holidays}"
            ),
            "attributes": attributes.items,
        }
        if channel.hours_note:
            schedule["notes"] = channel.hours_note
        schedules.append(schedule)
    return sorted(schedules, key=lambda item: (WEEKDAY_CODES.index(item["byday"][:2]), item["opens_at"], item["id"]))


def exception_schedule(row: HoursException, channel: Channel, channel_id: str, sid: str, time_zone: str) -> dict:
    """Dates on which a channel is closed or keeps other hours, instead of its weekly hours."""
    opens = hh_mm(row.opens) if row.opens is not None else ""
    closes = hh_mm(row.closes) if row.closes is not None else ""
    schedule_id = stable_id(channel_id, "exception", row.first_day.isoformat(), row.last_day.isoformat(), opens, closes)
    dates = f"from {row.first_day.isoformat()} to {row.last_day.isoformat()}"
    attributes = AttributeList(schedule_id, "schedule")
    attributes.add(CHANNELS, channel_term(channel.kind), channel.value)
    attributes.fact("time-zone", time_zone)
    schedule: dict[str, Any] = {
        "id": schedule_id,
        "service_id": sid,
        "valid_from": row.first_day.isoformat(),
        "valid_to": row.last_day.isoformat(),
        "attending_type": english(Channel.Kind(channel.kind).label),
        "attributes": attributes.items,
    }
    if row.opens is None:
        schedule["description"] = f"{channel_name(channel)}: closed {dates}."
    else:
        schedule |= {"freq": "WEEKLY", "byday": ",".join(WEEKDAY_CODES), "opens_at": opens, "closes_at": closes}
        schedule["description"] = (
            f"{channel_name(channel)}: {slot_words(row.opens, row.closes)} {dates}, local time in {time_zone}, "
            "instead of the weekly hours."
        )
    if row.reason:
        schedule["notes"] = row.reason
    return schedule


def organization_summary(organisation: Organisation) -> dict[str, Any]:
    summary = {
        "id": organization_id(organisation),
        "name": organisation.name,
        "description": organisation.description,
    }
    if organisation.website:
        summary["website"] = organisation.website
    return summary


def service_object(service: Service) -> dict[str, Any]:
    """The fully nested HSDS service: phones, schedules, languages, areas, organization, attributes."""
    sid = service_id(service.slug)
    key = f"service/{service.slug}"
    channels = list(service.channels.all())
    ids = channel_ids(key, channels)

    attributes = AttributeList(sid, "service")
    attributes.fact("slug", service.slug)
    attributes.fact("kind", service.kind)
    attributes.fact("region", service.region)
    attributes.fact("free", service.free)
    attributes.fact("anonymous", service.anonymous)
    attributes.fact("accepts-third-party", service.accepts_third_party)
    attributes.fact("first-step-for-young-people", service.first_step_for_young_people)
    attributes.fact("takes-young-helpers", service.takes_young_helpers)
    attributes.fact("age-is-reading", service.age_is_reading)
    attributes.fact("time-zone", service.time_zone)
    attributes.fact("verification-method", service.verification_method)
    for link in sorted(service.topic_links.all(), key=lambda link: (link.topic.position, link.topic.slug)):
        attributes.add(TOPICS, topic_terms(link.topic)[0], link.centrality)
    for channel in channels:
        attributes.add(CHANNELS, channel_term(channel.kind), channel.value)
    for source in service.sources.all():
        attributes.fact("source", "\n".join([source.url, source.citation, source.source_date]))

    phones = []
    for channel in channels:
        if channel.kind in PHONE_TYPES:
            phone_attributes = AttributeList(ids[channel.pk], "phone")
            phone_attributes.add(CHANNELS, channel_term(channel.kind), channel.value)
            phone = {
                "id": ids[channel.pk],
                "service_id": sid,
                "number": channel.value,
                "type": PHONE_TYPES[channel.kind],
                "attributes": phone_attributes.items,
            }
            if text := channel_text(channel):
                phone["description"] = text
            phones.append(phone)

    schedules = []
    for channel in channels:
        schedules += weekly_schedules(channel, ids[channel.pk], sid, service.time_zone)
        schedules += [
            exception_schedule(row, channel, ids[channel.pk], sid, service.time_zone)
            for row in sorted(
                channel.exceptions.all(),
                key=lambda row: (row.first_day, row.last_day, row.opens is not None, row.opens),
            )
        ]

    # Channels that are not phones have no HSDS record with room for their label and notes: those
    # go with the steps to reach the service, after what to expect.
    reach = [
        f"- {channel_name(channel)}: {text.replace('\n', ' / ')}"
        for channel in channels
        if channel.kind not in PHONE_TYPES and (text := channel_text(channel))
    ]
    application_process = "\n\n".join(part for part in [service.what_to_expect_nl, "\n".join(reach)] if part)

    result: dict[str, Any] = {
        "id": sid,
        "organization_id": organization_id(service.organisation),
        "name": service.name,
        "description": "\n\n".join(part for part in [service.summary_nl, service.description_nl] if part),
        "status": "active",
        "last_modified": service.updated_at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "organization": organization_summary(service.organisation),
        "phones": phones,
        "schedules": schedules,
        "languages": [
            {
                "id": stable_id(sid, "language", code),
                "service_id": sid,
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
            }
            for code in service.languages
        ],
        "service_areas": [
            {
                "id": stable_id(sid, "area", service.region),
                "service_id": sid,
                "name": english(Service.Region(service.region).label),
            }
        ],
        "cost_options": (
            [
                {
                    "id": stable_id(sid, "cost", "free"),
                    "service_id": sid,
                    "option": "Free of charge",
                    "amount": 0,
                    "currency": "EUR",
                }
            ]
            if service.free
            else []
        ),
        "attributes": attributes.items,
    }
    optional = {
        "url": service.website,
        "email": next((channel.value for channel in channels if channel.kind == Channel.Kind.EMAIL), ""),
        "application_process": application_process,
        "fees_description": {True: "Free of charge.", False: "Not free of charge: see the service's own site."}.get(
            service.free, ""
        ),
        "eligibility_description": service.age_note,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_verified.isoformat() if service.last_verified else None,
    }
    result |= {name: value for name, value in optional.items() if value not in ("", None)}
    return result


def service_list_item(service: dict[str, Any]) -> dict[str, Any]:
    """A service in a list: its one-to-one fields only, as the HSDS API profile lists them."""
    return {name: value for name, value in service.items() if not isinstance(value, list)}


def organization_object(organisation: Organisation, services: list[dict[str, Any]]) -> dict[str, Any]:
    """The HSDS organization with its published services (as list items, or full ones if given)."""
    return organization_summary(organisation) | {
        "services": sorted(services, key=lambda item: item["name"] + item["id"])
    }
