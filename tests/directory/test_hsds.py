"""Open data in HSDS 3.0: every object validates against the copied schemas, the API follows the
profile's pages, ids are stable, and export -> import -> export gives the same files."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from directory.hsds import mapping, reading, schemas
from directory.models import Channel, HoursException, Organisation, Service, ServiceTopic, Topic, VerificationMethod
from tests.makers import link_topic, make_channel, make_hours, make_service, make_topic

TODAY = date(2026, 12, 1)


def read(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def assert_valid(instance: Any, schema: str) -> None:
    assert schemas.errors(instance, schema) == []


def export(folder: Path) -> Path:
    call_command("export_hsds", str(folder), stdout=io.StringIO())
    return folder


def only_service() -> dict[str, Any]:
    return mapping.service_object(mapping.published_services().get())


def files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*.json"))}


@pytest.fixture
def client() -> APIClient:
    return APIClient()


# The schemas themselves --------------------------------------------------------------------------


def test_the_schemas_reject_what_hsds_forbids() -> None:
    """The validators are live: a wrong status, a non-uuid id and a missing name all fail."""
    problems = schemas.errors({"id": "not-a-uuid", "status": "open"}, "compiled/service.json")
    assert any("'name' is a required property" in line for line in problems)
    assert any(line.startswith("status:") for line in problems)
    assert any(line.startswith("id:") for line in problems)
    assert schemas.errors({"total_items": "many", "contents": [{}]}, "openapi.json#/components/schemas/Page")


# Export of the real directory ---------------------------------------------------------------------


@pytest.mark.usefixtures("directory_data")
def test_every_exported_object_validates(tmp_path: Path) -> None:
    folder = export(tmp_path)
    services = [read(path) for path in sorted((folder / "services").glob("*.json"))]
    assert len(services) == Service.objects.filter(status=Service.Status.PUBLISHED).count() > 0
    for service in services:
        assert_valid(service, "compiled/service.json")
        assert_valid(mapping.service_list_item(service), "compiled/service_list.json")
    organizations = [read(path) for path in (folder / "organizations").glob("*.json")]
    assert organizations
    for organization in organizations:
        assert_valid(organization, "compiled/organization.json")
    for taxonomy in read(folder / "taxonomies.json"):
        assert_valid(taxonomy, "taxonomy.json")
    terms = read(folder / "taxonomy_terms.json")
    assert len(terms) == 3 * Topic.objects.count() + len(Channel.Kind.values) + len(mapping.FACT_TERMS)
    for term in terms:
        assert_valid(term, "taxonomy_term.json")
    assert read(folder / "dataset.json")["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.usefixtures("directory_data")
def test_export_is_byte_stable_and_drops_files_of_services_that_are_gone(tmp_path: Path) -> None:
    first = files(export(tmp_path / "a"))
    (tmp_path / "a" / "services" / "retired.json").write_text("{}")
    assert files(export(tmp_path / "a")) == first
    assert files(export(tmp_path / "b")) == first


def delete_directory() -> None:
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    Topic.objects.all().delete()


def reimport_and_publish(folder: Path) -> reading.Report:
    report = reading.import_dataset(reading.read_dataset(str(folder)), TODAY)
    assert set(Service.objects.values_list("status", flat=True)) == {Service.Status.DRAFT}
    Service.objects.update(status=Service.Status.PUBLISHED)  # the curators' review
    return report


@pytest.mark.usefixtures("empty_directory")
def test_round_trip_keeps_exceptions_every_channel_kind_and_unknowns(tmp_path: Path) -> None:
    service = make_service(
        "alles",
        free=False,
        anonymous=None,
        region=Service.Region.BELGIUM,
        age_note="Tot 25.",
        last_verified=date(2026, 11, 1),
        verification_method=VerificationMethod.PHONE_CALL,
    )
    link_topic(service, "bullying", primary=False)
    phone = make_channel(service, kind="phone", value="106", label="Nacht", notes="Wachtrij.", hours_note="Site.")
    make_hours(phone, [4, 5], "22:00", "02:00")
    make_hours(phone, [6], "00:00", "00:00")
    HoursException.objects.create(channel=phone, first_day=date(2026, 12, 25), last_day=date(2026, 12, 25))
    HoursException.objects.create(
        channel=phone, first_day=date(2026, 12, 31), last_day=date(2027, 1, 1), opens=time(10), closes=time(14)
    )
    for position, (kind, value) in enumerate(
        [
            ("whatsapp", "0470 12 34 56"),
            ("walk-in", "Lokale kantoren"),
            ("website", "https://example.org"),
            ("website", "https://example.org"),
            ("forum", "https://example.org/forum"),
        ],
        start=2,
    ):
        make_channel(service, kind=kind, value=value, label=f"label {position}", position=position)
    before = files(export(tmp_path / "before"))
    delete_directory()

    reimport_and_publish(tmp_path / "before")

    assert files(export(tmp_path / "after")) == before
    again = Service.objects.get()
    assert [(row.first_day, row.opens) for row in HoursException.objects.order_by("first_day")] == [
        (date(2026, 12, 25), None),
        (date(2026, 12, 31), time(10)),
    ]
    assert (again.free, again.anonymous, again.region) == (False, None, Service.Region.BELGIUM)
    assert (again.last_verified, again.verification_method) == (date(2026, 11, 1), VerificationMethod.PHONE_CALL)
    assert again.channels.count() == 6


@pytest.mark.usefixtures("directory_data")
def test_export_import_export_gives_the_same_files(tmp_path: Path) -> None:
    before = files(export(tmp_path / "before"))
    delete_directory()

    report = reimport_and_publish(tmp_path / "before")

    assert report.skipped == []
    imported = Service.objects.all()
    assert len(report.created) == imported.count() == len([name for name in before if name.startswith("services/")])
    assert {service.needs_verification for service in imported} == {True}
    assert files(export(tmp_path / "after")) == before


# Mapping rules ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("empty_directory")
def test_ids_derive_from_slugs_not_from_database_keys() -> None:
    first = make_service("nachtlijn")
    exported = only_service()
    assert exported["id"] == str(uuid.uuid5(mapping.NAMESPACE, "service/nachtlijn"))
    assert exported["organization_id"] == str(uuid.uuid5(mapping.NAMESPACE, "organization/testorganisatie"))
    first.delete()
    again = make_service("nachtlijn")
    assert again.pk != first.pk
    assert only_service()["id"] == exported["id"]


@pytest.mark.usefixtures("empty_directory")
def test_weekly_hours_become_one_schedule_per_channel_and_times_in_local_wall_clock_time() -> None:
    service = make_service("avondlijn")
    phone = make_channel(
        service, kind="phone", value="1813", public_holidays=Channel.PublicHolidays.CLOSED, hours_note="Site, 2026"
    )
    make_hours(phone, range(5), "18:00", "22:00")
    make_hours(phone, [5], "22:00", "02:00")
    chat = make_channel(service, kind="chat", value="https://example.org/chat", position=2)
    make_hours(chat, range(7), "00:00", "00:00")

    schedules = only_service()["schedules"]

    assert [(item["byday"], item["opens_at"], item["closes_at"]) for item in schedules] == [
        ("MO,TU,WE,TH,FR", "18:00", "22:00"),
        ("SA", "22:00", "02:00"),
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00"),
    ]
    weekdays, saturday, chat_rule = schedules
    assert all(item["freq"] == "WEEKLY" and "timezone" not in item for item in schedules)
    assert "until 02:00 the next day" in saturday["description"]
    assert "24 hours" in chat_rule["description"]
    assert "Closed on Belgian public holidays" in weekdays["description"]
    assert weekdays["notes"] == "Site, 2026"
    facts = {(attribute["taxonomy_term"]["code"], attribute["value"]) for attribute in weekdays["attributes"]}
    assert {("phone", "1813"), ("time-zone", "Europe/Brussels"), ("public-holidays", "closed")} <= facts
    assert ("chat", "https://example.org/chat") in {
        (attribute["taxonomy_term"]["code"], attribute["value"]) for attribute in chat_rule["attributes"]
    }


@pytest.mark.usefixtures("empty_directory")
def test_date_exceptions_become_schedules_valid_on_those_dates() -> None:
    phone = make_channel(make_service("feestlijn"), kind="phone", value="106")
    make_hours(phone, range(7), "09:00", "17:00")
    HoursException.objects.create(
        channel=phone, first_day=date(2026, 12, 24), last_day=date(2026, 12, 26), reason="Kerstmis"
    )
    HoursException.objects.create(
        channel=phone, first_day=date(2026, 12, 31), last_day=date(2026, 12, 31), opens=time(9), closes=time(12)
    )

    closed, shorter = only_service()["schedules"][1:]

    assert (closed["valid_from"], closed["valid_to"], closed["notes"]) == ("2026-12-24", "2026-12-26", "Kerstmis")
    assert "opens_at" not in closed
    assert "closed" in closed["description"]
    assert (shorter["valid_from"], shorter["opens_at"], shorter["closes_at"]) == ("2026-12-31", "09:00", "12:00")
    assert "instead of the weekly hours" in shorter["description"]


@pytest.mark.usefixtures("empty_directory")
def test_channels_map_to_phones_email_and_channel_attributes_keeping_their_notes() -> None:
    service = make_service("kanalen", website="https://example.org", what_to_expect_nl="Je wacht even.")
    make_channel(service, kind="phone", value="078 15 10 20", label="Vlaanderen", notes="Betalend nummer.")
    make_channel(service, kind="sms", value="0470 12 34 56", position=2)
    make_channel(service, kind="email", value="vraag@example.org", position=3)
    make_channel(service, kind="chat", value="https://example.org/chat", notes="Wachtrij.", position=4)
    make_channel(service, kind="walk-in", value="CAW Antwerpen", region="antwerpen", position=5)

    exported = only_service()

    assert [(phone["number"], phone["type"], phone.get("description")) for phone in exported["phones"]] == [
        ("078 15 10 20", "voice", "Vlaanderen\nBetalend nummer."),
        ("0470 12 34 56", "text", None),
    ]
    assert exported["email"] == "vraag@example.org"
    assert exported["url"] == "https://example.org"
    assert exported["application_process"] == (
        "Je wacht even.\n\n- Chat https://example.org/chat: Wachtrij.\n- Walk-in CAW Antwerpen: Province: Antwerp."
    )
    channels = [
        (attribute["taxonomy_term"]["code"], attribute["value"])
        for attribute in exported["attributes"]
        if attribute["link_type"] == mapping.CHANNELS
    ]
    assert channels == [
        ("phone", "078 15 10 20"),
        ("sms", "0470 12 34 56"),
        ("email", "vraag@example.org"),
        ("chat", "https://example.org/chat"),
        ("walk-in", "CAW Antwerpen"),
    ]


@pytest.mark.usefixtures("empty_directory")
def test_age_languages_topics_sources_and_verification_map_to_their_hsds_fields() -> None:
    service = make_service(
        "jongeren",
        minimum_age=12,
        maximum_age=25,
        age_note="Reading of 'jongeren'.",
        languages=["nl", "fr"],
        free=True,
        anonymous=None,
        last_verified=date(2026, 11, 1),
    )
    link_topic(service, "self-harm", primary=True)

    exported = only_service()

    assert (exported["minimum_age"], exported["maximum_age"]) == (12, 25)
    assert exported["eligibility_description"] == "Reading of 'jongeren'."
    assert [(language["code"], language["name"]) for language in exported["languages"]] == [
        ("nl", "Dutch"),
        ("fr", "French"),
    ]
    assert exported["assured_date"] == "2026-11-01"
    assert "assurer_email" not in exported  # a curator's own address is never published
    assert exported["cost_options"][0]["amount"] == 0
    by_code = {attribute["taxonomy_term"]["code"]: attribute for attribute in exported["attributes"]}
    assert by_code["self-harm"]["value"] == ServiceTopic.Centrality.PRIMARY
    assert by_code["self-harm"]["taxonomy_term"]["language"] == "nl"
    assert by_code["free"]["value"] == "true"
    assert "anonymous" not in by_code  # not known: no claim
    assert by_code["source"]["value"] == "https://example.org/jongeren\n\n2026-11"


@pytest.mark.usefixtures("empty_directory")
def test_a_topic_is_one_term_per_language_with_that_languages_texts() -> None:
    topic = make_topic(
        "bullying",
        name_nl="Pesten",
        name_fr="Harcèlement",
        name_en="Bullying",
        description_nl="Gepest worden.",
        description_fr="Être harcelé.",
        description="Being bullied.",
    )

    terms = mapping.topic_terms(topic)

    assert [(term["language"], term["name"], term["description"]) for term in terms] == [
        ("nl", "Pesten", "Gepest worden."),
        ("fr", "Harcèlement", "Être harcelé."),
        ("en", "Bullying", "Being bullied."),
    ]
    assert len({term["id"] for term in terms}) == 3
    assert {term["code"] for term in terms} == {"bullying"}


# The API ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("directory_data")
def test_service_pages_follow_the_hsds_api_profile(client: APIClient) -> None:
    published = Service.objects.filter(status=Service.Status.PUBLISHED).count()

    page = client.get("/api/hsds/services", {"per_page": 5, "page": 2}).json()

    assert schemas.errors(page, schemas.page_schema("/services")) == []
    assert {key: page[key] for key in page if key != "contents"} == {
        "total_items": published,
        "total_pages": -(-published // 5),
        "page_number": 2,
        "size": 5,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert all("phones" not in item and item["status"] == "active" for item in page["contents"])


@pytest.mark.usefixtures("directory_data")
def test_a_service_by_id_is_the_exported_object(client: APIClient, tmp_path: Path) -> None:
    awel = read(export(tmp_path) / "services" / "awel.json")

    response = client.get(f"/api/hsds/services/{awel['id']}")

    assert response.status_code == 200
    assert response.json() == awel
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize(
    ("endpoint", "schema"),
    [
        ("organizations", "compiled/organization.json"),
        ("taxonomies", "taxonomy.json"),
        ("taxonomy_terms", "taxonomy_term.json"),
    ],
)
def test_other_lists_page_valid_objects_that_can_be_fetched_by_id(
    client: APIClient, endpoint: str, schema: str
) -> None:
    page = client.get(f"/api/hsds/{endpoint}", {"per_page": 200}).json()

    assert schemas.errors(page, schemas.page_schema(f"/{endpoint}")) == []
    assert page["total_items"] == page["size"] == len(page["contents"]) > 0
    assert (page["first_page"], page["last_page"], page["empty"]) == (True, True, False)
    detail = client.get(f"/api/hsds/{endpoint}/{page['contents'][0]['id']}").json()
    assert_valid(detail, schema)


@pytest.mark.usefixtures("directory_data")
def test_services_filter_by_organization_and_topic_term(client: APIClient) -> None:
    # Awel vzw runs the helpline and the moderated forum.
    awel, forum = (
        mapping.service_object(mapping.published_services().get(slug=slug)) for slug in ("awel", "awel-forum")
    )
    assert forum["organization_id"] == awel["organization_id"]
    by_organization = client.get("/api/hsds/services", {"organization_id": awel["organization_id"]}).json()
    assert {item["id"] for item in by_organization["contents"]} == {awel["id"], forum["id"]}
    by_words = client.get("/api/hsds/services", {"search": "AWEL"}).json()
    assert {item["id"] for item in by_words["contents"]} == {awel["id"], forum["id"]}
    french_self_harm = mapping.term_id(mapping.TOPICS, "self-harm", "fr")
    by_term = client.get("/api/hsds/services", {"taxonomy_term_id": french_self_harm}).json()
    expected = Service.objects.filter(status=Service.Status.PUBLISHED, topics__slug="self-harm").count()
    assert by_term["total_items"] == expected > 0


def queries_for(client: APIClient, path: str, query: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, query).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("directory_data")
@pytest.mark.parametrize("path", ["/api/hsds/services", "/api/hsds/organizations"])
def test_a_longer_page_costs_no_more_queries(client: APIClient, path: str) -> None:
    few = queries_for(client, path, {"per_page": 2, "full": "true"})
    many = queries_for(client, path, {"per_page": 500, "full": "true"})
    assert many == few


@pytest.mark.usefixtures("empty_directory")
def test_drafts_are_not_published(client: APIClient) -> None:
    make_service("open")
    make_service("ontwerp", status=Service.Status.DRAFT)

    page = client.get("/api/hsds/services").json()

    assert [item["name"] for item in page["contents"]] == ["Open"]
    draft_id = mapping.service_id("ontwerp")
    assert client.get(f"/api/hsds/services/{draft_id}").status_code == 404


@pytest.mark.usefixtures("empty_directory")
def test_an_empty_directory_is_one_empty_page(client: APIClient) -> None:
    page = client.get("/api/hsds/services").json()
    assert (page["total_items"], page["total_pages"], page["empty"], page["contents"]) == (0, 0, True, [])


@pytest.mark.usefixtures("empty_directory")
@pytest.mark.parametrize(
    "path",
    [
        "/api/hsds/services/ac148810-d857-441c-9679-408f346de14b",
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/organizations/ac148810-d857-441c-9679-408f346de14b",
        "/api/hsds/taxonomies/ac148810-d857-441c-9679-408f346de14b",
        "/api/hsds/taxonomy_terms/ac148810-d857-441c-9679-408f346de14b",
        "/api/hsds/services?page=2",
        "/api/hsds/nothing-here",
    ],
)
def test_unknown_ids_and_pages_are_json_404s(client: APIClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.usefixtures("empty_directory")
@pytest.mark.parametrize(
    "query", [{"page": "0"}, {"page": "x"}, {"per_page": "100000"}, {"per_page": "-1"}, {"full": "maybe"}]
)
def test_bad_page_parameters_are_json_400s(client: APIClient, query: dict[str, str]) -> None:
    response = client.get("/api/hsds/services", query)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


@pytest.mark.usefixtures("empty_directory")
def test_the_root_states_the_data_licence(client: APIClient) -> None:
    root = client.get("/api/hsds/").json()
    assert root["version"] == "3.0"
    assert root["license"]["name"] == "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    assert "services' own public pages" in root["license"]["statement"]


# Import -------------------------------------------------------------------------------------------

FOREIGN_SERVICE = {
    "id": "0b6e1c58-8f44-4a6e-9d3e-0f6f4f1b7a11",
    "name": "Regionale Jongerenlijn",
    "description": "Luistert naar jongeren uit de regio.\n\nMeer uitleg.",
    "status": "active",
    "minimum_age": 12,
    "maximum_age": 18.5,
    "assured_date": "2026-10-01",
    "organization": {"id": "7d1f8f44-0a53-4d6b-8e4c-2f6c8a4f8b20", "name": "Regio vzw", "description": "Regionaal"},
    "phones": [{"id": "3f1b6c9e-2f0a-4b7e-9a51-6a1c0b3e2d10", "number": "078 15 10 20", "type": "voice"}],
    "schedules": [
        {
            "id": "9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
            "freq": "WEEKLY",
            "byday": "MO,WE",
            "opens_at": "17:00+01:00",
            "closes_at": "24:00",
        }
    ],
    "languages": [
        {"id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "code": "nl"},
        {"id": "2c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "code": "xx"},
    ],
    "attributes": [
        {
            "id": "4d5e6f70-8192-4a3b-8c4d-5e6f7a8b9c0d",
            "taxonomy_term": {"id": "5e6f7081-92a3-4b4c-9d5e-6f7a8b9c0d1e", "name": "Mental health", "description": ""},
        }
    ],
}


def import_file(tmp_path: Path, document: Any) -> reading.Report:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return reading.import_dataset(reading.read_dataset(str(path)), TODAY)


@pytest.mark.usefixtures("empty_directory")
def test_another_directorys_service_becomes_a_draft_to_review_without_invented_facts(tmp_path: Path) -> None:
    report = import_file(tmp_path, FOREIGN_SERVICE)

    assert report.created == ["regionale-jongerenlijn"]
    service = Service.objects.get(slug="regionale-jongerenlijn")
    assert (service.status, service.needs_verification) == (Service.Status.DRAFT, True)
    assert (service.summary_nl, service.description_nl) == ("Luistert naar jongeren uit de regio.", "Meer uitleg.")
    assert (service.minimum_age, service.maximum_age, service.languages) == (12, None, ["nl"])
    assert service.last_verified is None  # their check is not a verification here
    assert service.organisation.name == "Regio vzw"
    phone = service.channels.get()
    assert (phone.kind, phone.value) == ("phone", "078 15 10 20")
    assert [(slot.weekday, slot.opens, slot.closes, slot.confidence) for slot in phone.opening_hours.all()] == [
        (0, time(17), time(0), "secondary-unverified"),
        (2, time(17), time(0), "secondary-unverified"),
    ]
    note = service.verification_note
    for expected in (
        "nobody here has checked",
        "18.5",
        "xx",
        "Mental health",
        "UTC offset",
        "checked these facts on 2026-10-01",
    ):
        assert expected in note
    assert service.sources.get().citation.startswith("HSDS import")
    assert service.topics.count() == 0  # other taxonomies never become topics


@pytest.mark.usefixtures("empty_directory")
def test_import_leaves_existing_services_and_invalid_data_alone(tmp_path: Path) -> None:
    make_service("regionale-jongerenlijn", summary_nl="Door een curator nagekeken.")
    invalid = FOREIGN_SERVICE | {"id": "not-a-uuid", "name": "Andere lijn"}

    report = import_file(tmp_path, [FOREIGN_SERVICE, invalid])

    assert report.created == []
    assert report.skipped[0] == "regionale-jongerenlijn: already in the directory; compare by hand"
    assert report.skipped[1].startswith("Andere lijn: not valid HSDS 3.0: id:")
    assert Service.objects.get().summary_nl == "Door een curator nagekeken."


@pytest.mark.usefixtures("empty_directory")
def test_a_phone_number_that_does_not_validate_is_left_out_and_named(tmp_path: Path) -> None:
    feed = FOREIGN_SERVICE | {"phones": [{"id": FOREIGN_SERVICE["phones"][0]["id"], "number": "call us"}]}

    import_file(tmp_path, feed)

    service = Service.objects.get()
    assert service.channels.count() == 0
    assert "Channel phone 'call us' left out" in service.verification_note
    assert "Hours not tied to one channel, not imported" in service.verification_note


@pytest.mark.usefixtures("directory_data")
def test_import_follows_the_pages_of_an_hsds_api(client: APIClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading our own API page by page (fetched through the test client) gives every service."""
    # Five services on three pages of two: the paging is the rule here; the whole directory's round
    # trip is test_export_import_export_gives_the_same_files.
    Service.objects.exclude(
        pk__in=Service.objects.filter(status=Service.Status.PUBLISHED).order_by("slug")[:5]
    ).delete()
    published = Service.objects.filter(status=Service.Status.PUBLISHED).count()
    assert published == 5
    # Fetch everything before the database is emptied: the API is the remote directory here.
    pages = {}
    for number in range(1, -(-published // 2) + 1):
        pages[f"http://hsds.example/api/hsds/services?page={number}"] = client.get(
            "/api/hsds/services", {"page": number, "per_page": 2}
        ).json()
    details = {
        f"http://hsds.example/api/hsds/services/{item['id']}": client.get(f"/api/hsds/services/{item['id']}").json()
        for page in pages.values()
        for item in page["contents"]
    }
    remote = (
        pages
        | details
        | {"http://hsds.example/api/hsds/services": pages["http://hsds.example/api/hsds/services?page=1"]}
    )
    monkeypatch.setattr(reading, "fetch", lambda url: remote[url])
    Service.objects.all().delete()

    dataset = reading.read_dataset("http://hsds.example/api/hsds/services")
    report = reading.import_dataset(dataset, TODAY)

    assert len(report.created) == published
    assert Service.objects.filter(status=Service.Status.DRAFT).count() == published


@pytest.mark.usefixtures("empty_directory")
def test_import_command_reports_and_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FOREIGN_SERVICE), encoding="utf-8")
    output = io.StringIO()
    call_command("import_hsds", str(path), stdout=output)
    assert "created draft regionale-jongerenlijn" in output.getvalue()
    assert "1 draft services created, 0 skipped" in output.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "missing.json"))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "broken.json"))


def test_a_long_origin_is_shortened_to_fit_the_history_record() -> None:
    """A deep folder or a long URL once made the import fail on the history's 100-character reason."""
    origin = "/tmp/" + "folder/" * 20 + "feed.json"
    reason = reading.import_reason(origin)
    assert len(reason) == 100
    assert reason.startswith("Imported from HSDS (…")
    assert reason.endswith("/feed.json)")
    assert reading.import_reason("feed.json") == "Imported from HSDS (feed.json)"
