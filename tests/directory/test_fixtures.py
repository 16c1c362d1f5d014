"""The real Flemish directory in fixtures/directory/: it loads, it is valid, it holds the facts that
lives depend on, it agrees with the research it was built from (fixtures/reference/), and the
committed files are exactly what export_directory writes (so they stay deterministic)."""

from __future__ import annotations

import itertools
import json
from datetime import time
from pathlib import Path

import pytest
from django.conf import settings

from directory.interchange import export_files
from directory.models import (
    Channel,
    HoursException,
    OpeningHours,
    Organisation,
    Service,
    ServiceTopic,
    Source,
    Topic,
)
from directory.validation import normalise_phone

pytestmark = pytest.mark.usefixtures("directory_data")

SEED = Path(settings.BASE_DIR) / "fixtures" / "directory"
RESEARCH = Path(settings.BASE_DIR) / "fixtures" / "reference" / "flemish-services.json"
# French-, German- and English-speaking lines and the sexual-violence care centres.
BELGIAN_RESEARCH = Path(settings.BASE_DIR) / "fixtures" / "reference" / "belgium-services.json"
TOPIC_SLUGS = [
    "self-harm",
    "suicidal-thoughts",
    "feeling-down",
    "violence-abuse",
    "sexual-violence",
    "bullying",
    "family",
    "relationships-sexuality",
    "loneliness",
    "drugs-alcohol",
    "poisoning",
    "eating",
    "identity-lgbtqi",
    "online-harm",
    "missing-runaway",
    "grief",
    "school",
    "other",
]
MIDNIGHT = time(0)
WHOLE_WEEK = list(range(7))


@pytest.fixture
def research() -> dict:
    """Both research files' services; the Belgian ones the directory uses (not every one is in it)."""
    flemish = json.loads(RESEARCH.read_text(encoding="utf-8"))
    belgian = json.loads(BELGIAN_RESEARCH.read_text(encoding="utf-8"))["services"]
    slugs = set(Service.objects.values_list("slug", flat=True))
    return flemish | {"services": flemish["services"] + [entry for entry in belgian if entry["id"] in slugs]}


def published() -> list[Service]:
    return list(Service.objects.filter(status=Service.Status.PUBLISHED).prefetch_related("channels", "sources"))


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def phone_channel(slug: str, value: str) -> Channel:
    return Channel.objects.get(service__slug=slug, kind=Channel.Kind.PHONE, value=value)


def test_the_committed_files_are_what_export_directory_writes() -> None:
    committed = {
        path.relative_to(SEED).as_posix(): path.read_text(encoding="utf-8") for path in sorted(SEED.rglob("*.json"))
    }
    exported = export_files()
    assert sorted(committed) == sorted(exported)
    for name, text in exported.items():
        assert committed[name] == text, (
            f"fixtures/directory/{name} is not in the exported form (key order, sorting, a field a model gained): "
            "run `make seed` and then `.venv/bin/python manage.py export_directory fixtures/directory`"
        )


# Services made from one channel of a research service (its id -> the research service's id).
DERIVED_SERVICES = {"awel-forum": "awel"}


def test_every_research_service_is_in_the_directory_under_its_id(research: dict) -> None:
    ids = {service["id"] for service in research["services"]}
    slugs = set(Service.objects.values_list("slug", flat=True))
    assert slugs - set(DERIVED_SERVICES) == ids
    assert set(DERIVED_SERVICES.values()) <= ids


def test_every_published_service_slug_is_a_research_id(research: dict) -> None:
    ids = {service["id"] for service in research["services"]}
    slugs = {DERIVED_SERVICES.get(service.slug, service.slug) for service in published()}
    assert slugs
    assert slugs <= ids


def test_every_published_service_has_a_channel_and_a_dated_source() -> None:
    incomplete = [
        service.slug
        for service in published()
        if not service.channels.all() or not any(source.source_date[:1].isdigit() for source in service.sources.all())
    ]
    assert incomplete == []


def test_nothing_in_the_seed_reads_as_verified_by_a_person_here() -> None:
    # Every date the seed was built from is a source's date (some a third-party file's): nobody here
    # has called a service, read its own site for this directory or had it edit its entry yet.
    assert not Service.objects.exclude(last_verified=None).exists()
    assert not Service.objects.exclude(verification_method="").exists()


@pytest.mark.parametrize(
    "model", [Topic, Organisation, Service, ServiceTopic, Source, Channel, OpeningHours, HoursException]
)
def test_every_row_passes_full_clean(model: type) -> None:
    for row in model.objects.all():
        row.full_clean()


def test_the_directory_is_not_empty() -> None:
    assert Channel.objects.count() > 30
    assert OpeningHours.objects.count() > 50
    assert Source.objects.count() > 100


def test_topic_slugs_are_exactly_the_eighteen_in_order() -> None:
    assert list(Topic.objects.values_list("slug", flat=True)) == TOPIC_SLUGS
    assert all(topic.name_nl and topic.name_fr and topic.name_en and topic.description for topic in Topic.objects.all())


def test_the_dutch_language_suicide_line_is_1813() -> None:
    line = Service.objects.get(slug="zelfmoordlijn-1813")
    assert line.status == Service.Status.PUBLISHED
    assert line.languages == ["nl"]
    assert phone_channel("zelfmoordlijn-1813", "1813")
    numbers = {digits(value) for value in line.channels.filter(kind=Channel.Kind.PHONE).values_list("value", flat=True)}
    assert numbers == {"1813"}


def test_no_service_named_zelfmoordlijn_has_the_french_number() -> None:
    french_line = "080032123"
    for service in Service.objects.filter(name__icontains="zelfmoordlijn"):
        assert french_line not in {digits(value) for value in service.channels.values_list("value", flat=True)}
    # 0800 32 123 belongs to the French-language Centre de Prévention du Suicide, and only to it.
    owners = {channel.service.slug for channel in Channel.objects.all() if digits(channel.value) == french_line}
    assert owners == {"cps-0800-32-123"}
    assert Service.objects.get(slug="cps-0800-32-123").languages == ["fr"]


def test_the_unverified_central_caw_number_is_nowhere() -> None:
    assert not [channel for channel in Channel.objects.all() if "080013500" in digits(channel.value)]


def test_tele_onthaal_phone_is_106_day_and_night() -> None:
    phone = phone_channel("tele-onthaal", "106")
    rows = list(phone.opening_hours.order_by("weekday"))
    assert [row.weekday for row in rows] == WHOLE_WEEK
    assert all(row.opens == MIDNIGHT and row.closes == MIDNIGHT for row in rows)
    assert phone.public_holidays == Channel.PublicHolidays.OPEN  # "geen sluitingsdagen"


@pytest.mark.parametrize(
    ("slug", "number"),
    [
        pytest.param("zelfmoordlijn-1813", "1813", id="1813"),
        pytest.param("child-focus", "116000", id="child-focus"),
        pytest.param("112", "112", id="112"),
        pytest.param("112", "101", id="101"),
        pytest.param("antigifcentrum", "070 245 245", id="antigifcentrum"),
    ],
)
def test_lines_that_are_open_day_and_night(slug: str, number: str) -> None:
    rows = list(phone_channel(slug, number).opening_hours.order_by("weekday"))
    assert [(row.weekday, row.opens, row.closes) for row in rows] == [(day, MIDNIGHT, MIDNIGHT) for day in WHOLE_WEEK]


def test_112_is_the_emergency_service() -> None:
    emergency = Service.objects.filter(kind=Service.Kind.EMERGENCY)
    assert [service.slug for service in emergency] == ["112"]
    assert emergency.get().status == Service.Status.PUBLISHED


def test_awel_phone_and_chat_are_closed_on_public_holidays() -> None:
    awel = Service.objects.get(slug="awel")
    closed = {channel.kind for channel in awel.channels.all() if channel.public_holidays == "closed"}
    assert closed == {Channel.Kind.PHONE, Channel.Kind.CHAT}
    assert awel.channels.get(kind=Channel.Kind.PHONE).value == "102"


def test_awel_saturday_phone_takes_the_narrower_of_two_conflicting_sources() -> None:
    saturday = phone_channel("awel", "102").opening_hours.get(weekday=5)
    assert (saturday.opens, saturday.closes) == (time(16), time(22))  # groen.be 16-22, not GH-B's 14:00


def test_only_awel_is_the_first_step_for_young_people() -> None:
    first = Service.objects.filter(first_step_for_young_people=True)
    assert [service.slug for service in first] == ["awel"]


def test_public_holidays_are_closed_or_open_only_where_a_source_says_so() -> None:
    def channels(state: str) -> set[str]:
        return {
            f"{channel.service.slug} {channel.value}"
            for channel in Channel.objects.filter(public_holidays=state).exclude(opening_hours=None)
        }

    # Awel: "niet op zon- en feestdagen"; 1712's phone works "elke werkdag".
    assert channels("closed") == {"awel 102", "awel https://www.awel.be", "1712 1712"}
    # "Geen sluitingsdagen", or a line stated to answer 24 hours a day, every day.
    assert channels("open") == {
        "112 112", "112 101", "antigifcentrum 070 245 245", "child-focus 116000", "tele-onthaal 106",
        "zelfmoordlijn-1813 1813", "cps-0800-32-123 0800 32 123", "tele-accueil-107 107", "telefonhilfe-108 108",
    }  # fmt: skip
    for channel in Channel.objects.exclude(public_holidays="unknown").exclude(opening_hours=None):
        assert "Public holidays:" in channel.hours_note or "public holidays" in channel.hours_note, channel


@pytest.mark.parametrize(
    ("slug", "accepts"),
    [
        pytest.param("zelfmoordlijn-1813", True, id="1813-derden"),
        pytest.param("1712", True, id="1712-witnesses"),
        pytest.param("druglijn", True, id="druglijn-everyone-around"),
        pytest.param("tele-onthaal", True, id="tele-onthaal-anyone"),
        pytest.param("awel", False, id="awel-no-statement"),
    ],
)
def test_contact_about_someone_else(slug: str, accepts: bool) -> None:
    assert Service.objects.get(slug=slug).accepts_third_party is accepts


def test_hours_of_one_channel_and_day_do_not_overlap() -> None:
    def span(row: OpeningHours) -> tuple[int, int]:
        start = row.opens.hour * 60 + row.opens.minute
        end = row.closes.hour * 60 + row.closes.minute
        return start, end if end > start else end + 24 * 60  # 00:00, or past midnight

    for channel in Channel.objects.prefetch_related("opening_hours"):
        for day in WHOLE_WEEK:
            spans = sorted(span(row) for row in channel.opening_hours.all() if row.weekday == day)
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert start >= end, f"{channel} overlaps on weekday {day}"


def test_historical_hours_only_as_the_only_hours_of_a_service_to_verify() -> None:
    historical = OpeningHours.objects.filter(confidence="historical").select_related("channel__service")
    assert historical  # nupraatikerover.be and CLBch@t have nothing newer
    for row in historical:
        assert row.channel.service.needs_verification
        assert set(row.channel.opening_hours.values_list("confidence", flat=True)) == {"historical"}


def test_superseded_and_secondary_only_hours_are_left_out() -> None:
    # 1712 chat: 2019 Tue-Thu 17-19 is superseded; 1813 chat: Wednesday 12:00 is only in third-party code.
    assert not OpeningHours.objects.filter(channel__service__slug="1712", confidence="historical")
    chat_1813 = Channel.objects.get(service__slug="zelfmoordlijn-1813", kind=Channel.Kind.CHAT)
    assert {(row.opens, row.closes) for row in chat_1813.opening_hours.all()} == {(time(17), MIDNIGHT)}
    assert chat_1813.opening_hours.count() == 7


def test_one_location_hours_never_stand_for_a_whole_service() -> None:
    for slug in ("jac", "caw", "tejo", "overkop"):
        assert not OpeningHours.objects.filter(channel__service__slug=slug), slug


def test_no_channel_value_is_a_placeholder() -> None:
    placeholders = ("unknown", "via ", "regional", "see www", "handles not captured")
    for channel in Channel.objects.exclude(kind=Channel.Kind.WALK_IN):
        assert not any(word in channel.value.lower() for word in placeholders), channel
    for channel in Channel.objects.filter(kind=Channel.Kind.WALK_IN):
        assert "unknown" not in channel.value.lower(), channel


def test_draft_services_say_why_and_are_the_thin_ones() -> None:
    drafts = Service.objects.filter(status=Service.Status.DRAFT)
    assert {"te-gek", "onlinepsyhulp"} <= {service.slug for service in drafts}
    assert all(service.verification_note.startswith("Draft:") for service in drafts)


def test_information_sites_are_not_helplines() -> None:
    assert set(Service.objects.filter(kind=Service.Kind.INFORMATION).values_list("slug", flat=True)) == {
        "watwat",
        "sensoa",
        "te-gek",
    }


def test_services_to_verify_say_what_to_verify() -> None:
    for service in Service.objects.filter(needs_verification=True):
        assert service.verification_note, service.slug
    for service in Service.objects.all():
        assert service.age_note, service.slug


@pytest.mark.parametrize(
    ("slug", "minimum", "maximum"),
    [
        pytest.param("jac", 12, 25, id="jac"),
        pytest.param("caw", 25, None, id="caw"),
        pytest.param("watwat", 11, 24, id="watwat"),
        pytest.param("tejo", 10, 20, id="tejo"),
        pytest.param("awel", None, 25, id="awel-read-from-children-and-young-people"),
        pytest.param("clbchat", None, 25, id="clbchat-read-from-pupils"),
        pytest.param("zelfmoordlijn-1813", None, None, id="1813-everyone"),
    ],
)
def test_age_bounds_come_from_the_research(slug: str, minimum: int | None, maximum: int | None) -> None:
    service = Service.objects.get(slug=slug)
    assert (service.minimum_age, service.maximum_age) == (minimum, maximum)


@pytest.mark.parametrize("slug", ["awel", "clbchat"])
def test_an_age_bound_read_from_the_audience_is_explained_and_flagged(slug: str) -> None:
    service = Service.objects.get(slug=slug)
    assert service.age_note.startswith("Reading, to verify")
    assert service.needs_verification


def test_unknown_free_or_anonymous_stays_empty(research: dict) -> None:
    for entry in research["services"]:
        service = Service.objects.get(slug=entry["id"])
        assert service.free == (entry["free"] if isinstance(entry["free"], bool) else None)
        assert service.anonymous == (entry["anonymous"] if isinstance(entry["anonymous"], bool) else None)


def test_every_phone_number_is_one_the_research_gives(research: dict) -> None:
    given = {
        # "02 648 40 14 (+32 2 648 40 14)": the number as written, then the same one internationally.
        normalise_phone(channel["address"].split(" (")[0])
        for entry in research["services"]
        for channel in entry["channels"]
        if channel["type"] == "phone"
        and any(ch.isdigit() for ch in channel["address"])
        and "NOT verified" not in channel["address"]
    } | {
        # A care centre's own number, given with its walk-in place.
        normalise_phone(channel["phone"])
        for entry in research["services"]
        for channel in entry["channels"]
        if channel.get("phone")
    }
    stored = {
        normalise_phone(value)
        for value in Channel.objects.filter(kind=Channel.Kind.PHONE).values_list("value", flat=True)
    }
    assert stored <= given


def test_the_newest_dated_source_named_in_a_note_is_one_of_the_services_sources() -> None:
    for service in Service.objects.prefetch_related("sources"):
        for line in service.verification_note.splitlines():
            if line.startswith("Newest dated source"):
                assert any(source.url and source.url in line for source in service.sources.all()), service.slug
