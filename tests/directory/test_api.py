"""The read API: published services only, filters, languages, openness at a moment, JSON errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker
from rest_framework.test import APIClient

from directory import hours
from directory.models import OpeningHours, Service
from directory.serializers import ServiceDetailSerializer, ServiceListSerializer
from directory.snapshot import forget_snapshot
from tests.database import delete_directory_rows
from tests.documented import undocumented
from tests.makers import link_topic, make_channel, make_hours, make_service, make_topic

TUESDAY_EVENING = "2026-12-08T20:30:00+01:00"
TUESDAY_MORNING = "2026-12-08T09:00:00+01:00"


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture(scope="module")
def small_directory_rows(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The small directory, built once for the module instead of once per test (45 ms each), in
    a transaction that is rolled back after the module's last test. Each test's own transaction
    (pytest-django's `db`) is a savepoint inside it, rolled back at the test's end, as Django's
    TestCase does with setUpTestData: every test starts from these same rows, whatever the one
    before it changed."""
    with django_db_blocker.unblock():
        module = transaction.atomic()
        module.__enter__()
        try:
            delete_directory_rows()
            build_small_directory()
        except BaseException:
            transaction.set_rollback(True)
            module.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module.__exit__(None, None, None)


@pytest.fixture
def small_directory(small_directory_rows: None, db: None) -> Iterator[None]:
    """Three published services and a draft, with hours that differ by the evening (and no other rows)."""
    forget_snapshot()  # a snapshot built by an earlier test may hold that test's rows
    yield
    forget_snapshot()


def build_small_directory() -> None:
    jongeren = make_service(
        "jongerenlijn",
        name="Jongerenlijn",
        summary_nl="Praat met iemand",
        summary_fr="Parle à quelqu'un",
        summary_en="Talk to someone",
        minimum_age=12,
        maximum_age=25,
        free=True,
        anonymous=True,
        languages=["nl"],
    )
    link_topic(jongeren, "self-harm")
    chat = make_channel(jongeren, kind="chat", value="https://example.org/chat")
    make_hours(chat, range(6), "18:00", "22:00")
    make_channel(jongeren, kind="phone", value="102")

    nacht = make_service("nachtlijn", name="Nachtlijn", summary_nl="Dag en nacht", languages=["nl", "fr"], free=True)
    link_topic(nacht, "suicidal-thoughts")
    phone = make_channel(nacht, kind="phone", value="1813", public_holidays="open")
    make_hours(phone, range(7), "00:00", "00:00")

    volwassenen = make_service(
        "volwassenen",
        name="Volwassenen",
        summary_nl="Voor volwassenen",
        minimum_age=25,
        free=False,
        anonymous=False,
        region=Service.Region.BELGIUM,
    )
    link_topic(volwassenen, "family")
    make_channel(volwassenen, kind="email", value="info@example.org")

    make_service("ontwerp", status=Service.Status.DRAFT)
    make_topic("bullying")


def slugs(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [service["slug"] for service in response.json()["results"]]


def test_lists_only_published_services_with_pagination(client: APIClient, small_directory: None) -> None:
    body = client.get("/api/v1/services/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert [s["slug"] for s in body["results"]] == ["jongerenlijn", "nachtlijn", "volwassenen"]


def test_a_listed_service_has_its_fields_and_ready_links(client: APIClient, small_directory: None) -> None:
    service = client.get(f"/api/v1/services/?open_at={TUESDAY_EVENING}").json()["results"][0]
    assert service | {"channels": None, "last_verified": None} == {
        "slug": "jongerenlijn",
        "name": "Jongerenlijn",
        "organisation": "Testorganisatie",
        "kind": "helpline",
        "summary": "Praat met iemand",
        "url": "",
        "minimum_age": 12,
        "maximum_age": 25,
        "age_is_reading": False,
        "topics": ["self-harm"],
        "languages": ["nl"],
        "free": True,
        "anonymous": True,
        "accepts_third_party": False,
        "takes_young_helpers": False,
        "region": "flanders-brussels",
        "open_now": True,
        "channels": None,
        "last_verified": None,
    }
    chat, phone = service["channels"]
    assert chat["href"] == "https://example.org/chat"
    assert chat["open_now"] is True
    assert chat["closes_at"] == "2026-12-08T22:00:00+01:00"
    assert chat["hours"][0] == {"day": "mon", "opens": "18:00", "closes": "22:00"}
    assert (chat["hours_confirmed"], chat["hours_uncertain"]) == (True, "")  # primary-dated rows
    assert phone == {
        "kind": "phone",
        "value": "102",
        "label": "",
        "href": "tel:102",
        "region": "",
        "open_now": None,
        "closes_at": None,
        "next_open_at": None,
        "hours_confirmed": None,
        "hours_uncertain": "",
        "hours_uncertain_reason": "",
        "hours": [],
        "exceptions": [],
    }


def test_a_closed_channel_says_when_it_opens(client: APIClient, small_directory: None) -> None:
    service = client.get(f"/api/v1/services/jongerenlijn/?open_at={TUESDAY_MORNING}").json()
    chat = service["channels"][0]
    assert (chat["open_now"], chat["next_open_at"]) == (False, "2026-12-08T18:00:00+01:00")
    assert service["open_now"] is False


def test_detail_has_sources_hours_and_verification(client: APIClient, small_directory: None) -> None:
    body = client.get("/api/v1/services/nachtlijn/").json()
    assert body["sources"] == [{"url": "https://example.org/nachtlijn", "citation": "", "source_date": "2026-11"}]
    assert len(body["channels"][0]["hours"]) == 7
    assert body["channels"][0]["closes_at"] is None  # open day and night
    assert {"description", "what_to_expect", "time_zone", "needs_verification", "verification_note"} <= set(body)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("age=13", ["jongerenlijn", "nachtlijn"], id="age-inside-a-youth-range"),
        pytest.param("age=40", ["nachtlijn", "volwassenen"], id="age-of-an-adult"),
        pytest.param("age=25", ["jongerenlijn", "nachtlijn", "volwassenen"], id="age-on-both-bounds"),
        pytest.param("topic=self-harm", ["jongerenlijn"], id="one-topic"),
        pytest.param("topic=self-harm&topic=family", ["jongerenlijn", "volwassenen"], id="repeated-topic-is-any-of"),
        pytest.param("channel=email", ["volwassenen"], id="channel-kind"),
        pytest.param("language=fr", ["nachtlijn"], id="language-spoken"),
        pytest.param("region=belgium", ["volwassenen"], id="region"),
        pytest.param("free=false", ["volwassenen"], id="not-free"),
        pytest.param("anonymous=true", ["jongerenlijn"], id="anonymous"),
        pytest.param("q=quelqu", ["jongerenlijn"], id="text-in-french-summary"),
        pytest.param("q=NACHT", ["nachtlijn"], id="text-in-name-any-case"),
        pytest.param(f"open_now=true&open_at={TUESDAY_MORNING}", ["nachtlijn"], id="open-in-the-morning"),
        pytest.param(
            f"open_now=true&open_at={TUESDAY_EVENING}", ["jongerenlijn", "nachtlijn"], id="open-in-the-evening"
        ),
        pytest.param(
            f"channel=chat&open_now=true&open_at={TUESDAY_EVENING}", ["jongerenlijn"], id="chat-open-in-the-evening"
        ),
        pytest.param(f"channel=chat&open_now=true&open_at={TUESDAY_MORNING}", [], id="no-chat-open-in-the-morning"),
        pytest.param(f"open_now=false&open_at={TUESDAY_MORNING}", ["jongerenlijn", "volwassenen"], id="closed-now"),
    ],
)
def test_filters(client: APIClient, small_directory: None, query: str, expected: list[str]) -> None:
    assert slugs(client.get(f"/api/v1/services/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        pytest.param("age=abc", "age", id="age-not-a-number"),
        pytest.param("age=-1", "age", id="age-negative"),
        pytest.param("age=121", "age", id="age-too-high"),
        pytest.param("topic=unknown-topic", "topic", id="unknown-topic"),
        pytest.param("channel=pigeon", "channel", id="unknown-channel"),
        pytest.param("language=xx", "language", id="unknown-language"),
        pytest.param("free=maybe", "free", id="free-not-a-boolean"),
        pytest.param("open_now=yes", "open_now", id="open-now-not-true-or-false"),
        pytest.param("open_at=tomorrow", "open_at", id="open-at-not-a-moment"),
        pytest.param("lang=de", "lang", id="language-not-offered"),
    ],
)
def test_bad_filter_values_are_a_json_400_naming_the_parameter(
    client: APIClient, small_directory: None, query: str, parameter: str
) -> None:
    response = client.get(f"/api/v1/services/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert list(body["fields"]) == [parameter]
    assert body["fields"][parameter][0]


@pytest.mark.parametrize(
    ("header", "query", "summary"),
    [
        pytest.param({}, "", "Praat met iemand", id="dutch-by-default"),
        pytest.param({"HTTP_ACCEPT_LANGUAGE": "fr-BE,fr;q=0.9"}, "", "Parle à quelqu'un", id="accept-language"),
        pytest.param({"HTTP_ACCEPT_LANGUAGE": "fr"}, "?lang=en", "Talk to someone", id="query-beats-header"),
        pytest.param({}, "?lang=fr", "Parle à quelqu'un", id="query"),
    ],
)
def test_texts_follow_the_asked_language(
    client: APIClient, small_directory: None, header: dict, query: str, summary: str
) -> None:
    assert client.get(f"/api/v1/services/jongerenlijn/{query}", **header).json()["summary"] == summary


def test_a_missing_translation_falls_back_to_dutch_and_says_so(client: APIClient, small_directory: None) -> None:
    assert client.get("/api/v1/services/nachtlijn/?lang=fr").json()["summary"] == "Dag en nacht (en néerlandais)"
    assert client.get("/api/v1/services/nachtlijn/?lang=en").json()["summary"] == "Dag en nacht (in Dutch)"
    assert client.get("/api/v1/services/nachtlijn/?lang=nl").json()["summary"] == "Dag en nacht"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/services/does-not-exist/", id="unknown-slug"),
        pytest.param("/api/v1/services/ontwerp/", id="draft-service"),
        pytest.param("/api/v1/nothing-here/", id="unknown-path"),
        pytest.param("/api/v1/services/?page=99", id="page-out-of-range"),
    ],
)
def test_not_found_is_json(client: APIClient, small_directory: None, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.usefixtures("empty_directory")
def test_topics_in_the_asked_language(client: APIClient) -> None:
    make_topic("self-harm", name_nl="Zelfverwonding", name_fr="Automutilation", name_en="Self-harm")
    assert client.get("/api/v1/topics/?lang=fr").json() == [
        {"slug": "self-harm", "name": "Automutilation", "description": ""}
    ]


def test_organisations_list_their_published_services(client: APIClient, small_directory: None) -> None:
    assert client.get("/api/v1/organisations/").json() == [
        {
            "name": "Testorganisatie",
            "website": "",
            "description": "",
            "services": ["jongerenlijn", "nachtlijn", "volwassenen"],
        }
    ]


def test_writes_are_not_allowed_and_say_so_in_json(client: APIClient, small_directory: None) -> None:
    response = client.post("/api/v1/services/", {"slug": "x"}, format="json")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


def test_the_api_sets_no_cookies(client: APIClient, small_directory: None) -> None:
    assert not client.get("/api/v1/services/").cookies


# --- From memory, cached per minute, cacheable over HTTP -----------------------------------------


def test_the_json_is_exactly_what_the_serializers_document(client: APIClient, small_directory: None) -> None:
    listed = client.get("/api/v1/services/").json()["results"]
    detail = client.get("/api/v1/services/nachtlijn/").json()

    assert undocumented(listed, ServiceListSerializer(many=True)) == []
    assert undocumented(detail, ServiceDetailSerializer()) == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/api/v1/services/", id="list"),
        pytest.param(
            "/api/v1/services/?age=13&topic=self-harm&topic=family&channel=chat&language=nl&region=flanders-brussels"
            "&free=true&anonymous=true&q=praat&open_now=true&page=1",
            id="list-with-every-filter",
        ),
        pytest.param(f"/api/v1/services/?open_now=false&open_at={TUESDAY_MORNING}&lang=fr", id="list-at-a-moment"),
        pytest.param("/api/v1/services/jongerenlijn/?lang=en", id="detail"),
    ],
)
def test_a_warm_read_makes_no_query(
    client: APIClient, small_directory: None, django_assert_num_queries, path: str
) -> None:  # type: ignore[no-untyped-def]
    client.get(path)  # builds the snapshot

    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 200


def test_openness_is_computed_once_per_minute_for_every_request(client: APIClient, small_directory: None) -> None:
    client.get("/api/v1/services/jongerenlijn/")  # builds the snapshot
    with mock.patch("directory.hours.openness", wraps=hours.openness) as openness:
        client.get(f"/api/v1/services/?open_at={TUESDAY_EVENING}")
        first = openness.call_count
        client.get(f"/api/v1/services/?open_at={TUESDAY_EVENING}&lang=fr")
        client.get(f"/api/v1/services/jongerenlijn/?open_at={TUESDAY_EVENING}")
        client.get("/api/v1/services/?open_at=2026-12-08T20:30:59%2B01:00")  # the same minute

        assert first == 2  # the chat and the 24/7 phone; the phone without hours has no openness
        assert openness.call_count == first
        client.get("/api/v1/services/?open_at=2026-12-08T20:31:00%2B01:00")  # the next minute
        assert openness.call_count == 2 * first


def test_reads_can_be_cached_by_anyone_for_a_minute(client: APIClient, small_directory: None) -> None:
    response = client.get("/api/v1/services/?age=13")

    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"')
    assert "Accept-Language" in response["Vary"]


@pytest.fixture
def frozen_minute() -> Iterator[datetime]:
    """ "Now" held still: the ETag changes with the minute, and a slow machine must not cross one mid-test."""
    moment = datetime.fromisoformat(TUESDAY_EVENING)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


@pytest.mark.parametrize(
    "path",
    [pytest.param("/api/v1/services/?age=13", id="list"), pytest.param("/api/v1/services/nachtlijn/", id="detail")],
)
@pytest.mark.usefixtures("frozen_minute")
def test_a_matching_if_none_match_is_a_304_without_a_body(client: APIClient, small_directory: None, path: str) -> None:
    etag = client.get(path)["ETag"]

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_the_etag_changes_with_the_language_the_query_the_minute_and_the_directory(
    client: APIClient, small_directory: None, frozen_minute: datetime, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    path = "/api/v1/services/nachtlijn/"
    etag = client.get(path)["ETag"]

    assert client.get(f"{path}?lang=fr")["ETag"] != etag
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="fr")["ETag"] != etag
    assert client.get(f"{path}?open_at={TUESDAY_EVENING}")["ETag"] != etag
    with mock.patch("django.utils.timezone.now", return_value=frozen_minute + timedelta(minutes=1)):
        assert client.get(path)["ETag"] != etag  # "now" is in the body: the next minute is another body
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    nachtlijn = Service.objects.get(slug="nachtlijn")
    nachtlijn.summary_nl = "Dag en nacht, ook op feestdagen"
    with django_capture_on_commit_callbacks(execute=True):
        nachtlijn.save()
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_unconfirmed_hours_say_so_and_why_in_the_asked_language(client: APIClient, small_directory: None) -> None:
    OpeningHours.objects.filter(channel__service__slug="jongerenlijn").update(confidence="secondary-unverified")
    forget_snapshot()
    chat = client.get(f"/api/v1/services/jongerenlijn/?open_at={TUESDAY_EVENING}&lang=en").json()["channels"][0]
    assert chat["open_now"] is True
    assert (chat["hours_confirmed"], chat["hours_uncertain"]) == (False, "secondary")
    assert chat["hours_uncertain_reason"] == "Opening hours from an indirect source, not from the service itself"


def test_a_person_s_verification_confirms_the_hours_until_its_deadline(
    client: APIClient, small_directory: None
) -> None:
    OpeningHours.objects.filter(channel__service__slug="jongerenlijn").update(confidence="secondary-unverified")
    Service.objects.filter(slug="jongerenlijn").update(
        last_verified=date(2026, 12, 1), verification_method="phone_call"
    )
    forget_snapshot()
    in_time = client.get(f"/api/v1/services/jongerenlijn/?open_at={TUESDAY_EVENING}").json()
    much_later = client.get("/api/v1/services/jongerenlijn/?open_at=2027-12-07T20:30:00%2B01:00").json()
    assert in_time["channels"][0]["hours_confirmed"] is True
    assert much_later["channels"][0]["hours_confirmed"] is False
    assert much_later["channels"][0]["hours_uncertain_reason"] == "Te lang niet meer nagekeken bij de dienst zelf"
