"""Curation in the admin: every page renders, verification, history with revert, lost updates,
organisation editors' limits, and no hard delete."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.models import Channel, OpeningHours, Service
from tests.directory.admin_pages import change_form_data, change_url, form_data, logged_in, make_user
from tests.directory.conftest import Editor
from tests.makers import make_channel, make_hours, make_organisation, make_service

pytestmark = pytest.mark.usefixtures("empty_directory")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:directory_service_changelist",
        "admin:directory_service_add",
        "admin:directory_channel_changelist",
        "admin:directory_channel_add",
        "admin:directory_organisation_changelist",
        "admin:directory_organisation_add",
        "admin:directory_topic_changelist",
        "admin:directory_topic_add",
    ],
)
def test_list_and_add_pages_render(curator_client: Client, url_name: str) -> None:
    make_service()
    assert curator_client.get(reverse(url_name)).status_code == 200


def test_change_and_history_pages_render_with_reachability(curator_client: Client) -> None:
    service = make_service()
    channel = make_channel(service, public_holidays="open")
    make_hours(channel, range(7), "00:00", "00:00")
    for url in [
        reverse("admin:directory_service_change", args=[service.pk]),
        reverse("admin:directory_service_history", args=[service.pk]),
        reverse("admin:directory_channel_change", args=[channel.pk]),
        reverse("admin:directory_channel_history", args=[channel.pk]),
        reverse("admin:directory_organisation_change", args=[service.organisation.pk]),
    ]:
        assert curator_client.get(url).status_code == 200, url
    page = curator_client.get(reverse("admin:directory_service_change", args=[service.pk])).content.decode()
    assert "open now, day and night" in page


@pytest.mark.parametrize(
    ("filter_query", "expected"),
    [
        pytest.param("verification=stale", {"oud", "nooit"}, id="stale-and-never-verified"),
        pytest.param("verification=recent", {"vers"}, id="recently-verified"),
        pytest.param("needs_verification__exact=1", {"nooit"}, id="flagged-for-verification"),
        pytest.param("status__exact=draft", {"vers"}, id="by-status"),
        pytest.param("channels__kind=chat", {"oud"}, id="by-channel-kind"),
    ],
)
def test_list_filters_show_what_to_verify_first(curator_client: Client, filter_query: str, expected: set[str]) -> None:
    today = timezone.localdate()
    make_service("vers", last_verified=today - timedelta(days=10), status=Service.Status.DRAFT)
    old = make_service("oud", last_verified=today - timedelta(days=181))
    make_channel(old, kind="chat", value="https://example.org/chat")
    make_service("nooit", last_verified=None, needs_verification=True)
    response = curator_client.get(reverse("admin:directory_service_changelist") + "?" + filter_query)
    assert {service.slug for service in response.context["cl"].result_list} == expected


def test_stale_entries_are_marked_in_the_list(curator_client: Client) -> None:
    make_service("oud", last_verified=timezone.localdate() - timedelta(days=400))
    page = curator_client.get(reverse("admin:directory_service_changelist")).content.decode()
    assert "stale: 400 days" in page


@pytest.mark.parametrize("action", ["verified_by_phone_call", "verified_on_own_website", "verified_by_own_edit"])
def test_verified_today_records_who_when_and_how(curator_client: Client, action: str) -> None:
    service = make_service(last_verified=None, needs_verification=True)
    response = curator_client.post(
        reverse("admin:directory_service_changelist"), {"action": action, "_selected_action": [service.pk]}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_verified == timezone.localdate()
    assert service.verified_by.username == "curator"
    assert (
        service.verification_method
        == {
            "verified_by_phone_call": "phone_call",
            "verified_on_own_website": "own_website",
            "verified_by_own_edit": "own_edit",
        }[action]
    )
    assert not service.needs_verification
    assert service.history.first().history_user.username == "curator"


def test_a_save_from_an_older_version_is_refused(curator_client: Client) -> None:
    service = make_service(name="Origineel")
    stale_form = change_form_data(curator_client, service)
    # Meanwhile another curator saves the same service.
    fresh_form = change_form_data(curator_client, service) | {"name": "Eerste curator"}
    assert (
        curator_client.post(reverse("admin:directory_service_change", args=[service.pk]), fresh_form).status_code == 302
    )
    response = curator_client.post(
        reverse("admin:directory_service_change", args=[service.pk]), stale_form | {"name": "Tweede curator"}
    )
    assert response.status_code == 200
    assert "Someone else saved this service" in response.content.decode()
    service.refresh_from_db()
    assert service.name == "Eerste curator"


def test_history_records_old_and_new_values_and_can_revert(curator_client: Client) -> None:
    service = make_service(name="Voor")
    form = change_form_data(curator_client, service) | {"name": "Na"}
    curator_client.post(reverse("admin:directory_service_change", args=[service.pk]), form)
    newest, previous = service.history.all()[:2]
    assert [(c.field, c.old, c.new) for c in newest.diff_against(previous).changes if c.field == "name"] == [
        ("name", "Voor", "Na")
    ]
    revert_url = reverse("admin:directory_service_simple_history", args=[service.pk, previous.history_id])
    assert curator_client.get(revert_url).status_code == 200
    revert_form = change_form_data(curator_client, Service.objects.get(pk=service.pk)) | {"name": "Voor"}
    assert curator_client.post(revert_url, revert_form).status_code == 302
    service.refresh_from_db()
    assert service.name == "Voor"


def slots(channel: Channel) -> list[tuple[int, str, str]]:
    return [(row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}") for row in channel.opening_hours.all()]


def revert_url(obj: Service | Channel, record: object) -> str:
    return reverse(f"admin:directory_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id])


def test_reverting_a_service_posts_its_old_version_back_as_the_newest(curator_client: Client) -> None:
    service = make_service(name="Voor", minimum_age=12)
    first = service.history.latest()
    form = change_form_data(curator_client, service) | {"name": "Na", "minimum_age": 14}
    assert curator_client.post(change_url(service), form).status_code == 302
    # The old-version page's own form, posted back as it is: what "Revert" does in a browser.
    revert_page = curator_client.get(revert_url(service, first))
    response = curator_client.post(revert_url(service, first), form_data(revert_page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    service.refresh_from_db()
    assert (service.name, service.minimum_age, service.version) == ("Voor", 12, 3)
    assert service.history.latest().history_change_reason.startswith("reverted to the version of")


def test_a_revert_is_refused_when_someone_saved_after_the_page_was_opened(curator_client: Client) -> None:
    service = make_service(name="Voor")
    first = service.history.latest()
    revert_form = form_data(curator_client.get(revert_url(service, first)))
    curator_client.post(change_url(service), change_form_data(curator_client, service) | {"name": "Intussen"})
    response = curator_client.post(revert_url(service, first), revert_form)
    assert response.status_code == 200
    assert "Someone else saved this service" in response.content.decode()
    service.refresh_from_db()
    assert service.name == "Intussen"


def test_a_revert_runs_in_a_transaction_that_holds_the_row_lock(curator_client: Client) -> None:
    """PostgreSQL refuses a row lock outside a transaction (it was a 500): the version check must
    run inside the revert's own atomic block, which shows as a savepoint inside the test's."""
    service = make_service(name="Voor")
    first = service.history.latest()
    curator_client.post(change_url(service), change_form_data(curator_client, service) | {"name": "Na"})
    revert_form = form_data(curator_client.get(revert_url(service, first)))
    with CaptureQueriesContext(connection) as queries:
        assert curator_client.post(revert_url(service, first), revert_form).status_code == 302
    statements = [query["sql"] for query in queries]
    # The form reads the version twice: for the page, then under the lock to compare.
    version_check = [i for i, sql in enumerate(statements) if sql.startswith('SELECT "directory_service"."version"')][
        -1
    ]
    savepoint = next(i for i, sql in enumerate(statements) if sql.startswith("SAVEPOINT"))
    assert savepoint < version_check
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in statements[version_check]


def test_reverting_a_channel_brings_back_the_hours_it_had_then(curator_client: Client) -> None:
    channel = make_channel(make_service(), value="1813")
    make_hours(channel, [0, 1], "18:00", "22:00")
    first = channel.history.latest()
    form = change_form_data(curator_client, channel)
    form |= {"value": "02 649 95 55", "opening_hours-0-closes": "23:00"}
    form |= {"opening_hours-1-DELETE": "on", "exceptions-TOTAL_FORMS": 1}
    form |= {"exceptions-0-first_day": "2026-12-25", "exceptions-0-last_day": "2026-12-25", "exceptions-0-closed": "on"}
    response = curator_client.post(change_url(channel), form)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert slots(channel) == [(0, "18:00", "23:00")]
    assert channel.exceptions.count() == 1

    revert_page = curator_client.get(revert_url(channel, first))
    assert revert_page.content.decode().count("18:00–22:00") == 2
    assert curator_client.post(revert_url(channel, first), form_data(revert_page)).status_code == 302
    channel.refresh_from_db()
    assert channel.value == "1813"
    assert slots(channel) == [(0, "18:00", "22:00"), (1, "18:00", "22:00")]
    assert not channel.exceptions.exists()
    assert OpeningHours.history.filter(history_change_reason__startswith="reverted").exists()


def test_compare_shows_each_field_that_changed_between_two_versions(curator_client: Client) -> None:
    service = make_service(name="Voor", maximum_age=25)
    curator_client.post(change_url(service), change_form_data(curator_client, service) | {"name": "Na"})
    versions = [record.history_id for record in service.history.all()]
    history_page = curator_client.get(reverse("admin:directory_service_history", args=[service.pk])).content.decode()
    assert 'name="version"' in history_page
    response = curator_client.get(reverse("admin:directory_service_compare", args=[service.pk]), {"version": versions})
    assert response.status_code == 200
    changes = {(change.name, change.old, change.new) for change in response.context["changes"]}
    assert ("name", "Voor", "Na") in changes
    assert not any(change.name == "maximum_age" for change in response.context["changes"])


def test_compare_of_a_channel_shows_its_hours_changes(curator_client: Client) -> None:
    channel = make_channel(make_service())
    make_hours(channel, [0], "18:00", "22:00")
    form = change_form_data(curator_client, channel) | {"opening_hours-0-closes": "23:00"}
    assert curator_client.post(change_url(channel), form).status_code == 302
    versions = [record.history_id for record in channel.history.all()]
    response = curator_client.get(reverse("admin:directory_channel_compare", args=[channel.pk]), {"version": versions})
    [gone], [came] = response.context["hours_gone"], response.context["hours_came"]
    assert "18:00–22:00" in gone
    assert "18:00–23:00" in came


def test_compare_needs_two_versions(curator_client: Client) -> None:
    service = make_service()
    response = curator_client.get(reverse("admin:directory_service_compare", args=[service.pk]), {"version": [1]})
    assert response.status_code == 302


def test_a_stale_channel_save_is_refused_also_when_only_its_hours_changed(curator_client: Client) -> None:
    channel = make_channel(make_service())
    make_hours(channel, [0], "18:00", "22:00")
    stale = change_form_data(curator_client, channel)
    fresh = change_form_data(curator_client, channel) | {"opening_hours-0-closes": "23:00"}
    assert curator_client.post(change_url(channel), fresh).status_code == 302
    response = curator_client.post(change_url(channel), stale | {"opening_hours-0-closes": "21:00"})
    assert response.status_code == 200
    assert "Someone else saved this channel" in response.content.decode()
    assert slots(channel) == [(0, "18:00", "23:00")]


def test_the_service_page_does_not_overwrite_a_channel_changed_meanwhile(curator_client: Client) -> None:
    service = make_service()
    channel = make_channel(service, value="1813")
    stale = change_form_data(curator_client, service)
    curator_client.post(change_url(channel), change_form_data(curator_client, channel) | {"value": "106"})
    response = curator_client.post(change_url(service), stale | {"name": "Nieuw"})
    assert response.status_code == 200
    assert "Someone else saved this channel" in response.content.decode()
    channel.refresh_from_db()
    assert channel.value == "106"


def test_a_channel_change_the_service_page_does_not_show_does_not_block_it(curator_client: Client) -> None:
    service = make_service()
    channel = make_channel(service, value="1813")
    stale = change_form_data(curator_client, service)
    curator_client.post(change_url(channel), change_form_data(curator_client, channel) | {"hours_note": "Gebeld."})
    assert curator_client.post(change_url(service), stale | {"name": "Nieuw"}).status_code == 302
    channel.refresh_from_db()
    assert (channel.value, channel.hours_note) == ("1813", "Gebeld.")


@pytest.mark.parametrize(
    ("exception", "message"),
    [
        pytest.param(
            {"first_day": "2026-12-25", "last_day": "2026-12-25", "opens": "10:00"},
            "Give both an opening and a closing time",
            id="opens-without-closes",
        ),
        pytest.param(
            {"first_day": "2026-12-26", "last_day": "2026-12-25", "closed": "on"},
            "The last day cannot be before the first day.",
            id="dates-out-of-order",
        ),
    ],
)
def test_invalid_exceptions_get_a_sentence_not_a_constraint_name(
    curator_client: Client, exception: dict[str, str], message: str
) -> None:
    channel = make_channel(make_service())
    form = change_form_data(curator_client, channel) | {"exceptions-TOTAL_FORMS": 1}
    form |= {f"exceptions-0-{name}": value for name, value in exception.items()}
    page = curator_client.post(change_url(channel), form).content.decode()
    assert message in page
    assert "hours_exception_" not in page


def test_a_second_slot_at_the_same_opening_time_gets_a_sentence(curator_client: Client) -> None:
    channel = make_channel(make_service())
    make_hours(channel, [0], "18:00", "22:00")
    form = change_form_data(curator_client, channel) | {"opening_hours-TOTAL_FORMS": 2}
    form |= {"opening_hours-1-weekday": 0, "opening_hours-1-opens": "18:00", "opening_hours-1-closes": "20:00"}
    form |= {"opening_hours-1-confidence": "primary-dated"}
    page = curator_client.post(change_url(channel), form).content.decode()
    assert "This channel already has hours that open on this day at this time." in page


def test_changes_to_channels_and_hours_show_in_the_service_history(curator_client: Client) -> None:
    service = make_service()
    channel = make_channel(service)
    make_hours(channel, [0], "18:00", "22:00")
    slot = OpeningHours.objects.get(channel=channel)
    slot.closes = slot.closes.replace(hour=23)
    slot.save()
    page = curator_client.get(reverse("admin:directory_service_history", args=[service.pk])).content.decode()
    assert "closes: 22:00:00 → 23:00:00" in page
    assert "1813" in page


def test_curators_cannot_delete_services(curator_client: Client) -> None:
    service = make_service()
    assert curator_client.get(reverse("admin:directory_service_delete", args=[service.pk])).status_code == 403
    response = curator_client.get(reverse("admin:directory_service_changelist"))
    assert "delete_selected" not in response.content.decode()


def test_unpublishing_hides_a_service_from_the_api(curator_client: Client) -> None:
    service = make_service()
    curator_client.post(
        reverse("admin:directory_service_changelist"), {"action": "unpublish", "_selected_action": [service.pk]}
    )
    service.refresh_from_db()
    assert service.status == Service.Status.UNPUBLISHED
    assert Client().get("/api/v1/services/testlijn/").status_code == 404


class TestOrganisationEditors:
    def test_see_and_edit_only_their_own_services(self, editor: Editor) -> None:
        client, _own, mine, theirs = editor
        listing = client.get(reverse("admin:directory_service_changelist"))
        assert {s.slug for s in listing.context["cl"].result_list} == {"eigen"}
        assert client.get(reverse("admin:directory_service_change", args=[mine.pk])).status_code == 200
        assert client.get(reverse("admin:directory_service_change", args=[theirs.pk])).status_code == 302

    def test_can_keep_their_own_hours_right_but_not_others(self, editor: Editor) -> None:
        client, _own, mine, theirs = editor
        own_channel = make_channel(mine)
        other_channel = make_channel(theirs)
        assert client.get(reverse("admin:directory_channel_change", args=[own_channel.pk])).status_code == 200
        assert client.get(reverse("admin:directory_channel_change", args=[other_channel.pk])).status_code == 302
        assert {c.pk for c in client.get(reverse("admin:directory_channel_changelist")).context["cl"].result_list} == {
            own_channel.pk
        }

    def test_cannot_move_a_service_to_another_organisation(self, editor: Editor) -> None:
        client, own, mine, _theirs = editor
        form = client.get(reverse("admin:directory_service_change", args=[mine.pk])).context["adminform"].form
        assert list(form.fields["organisation"].queryset) == [own]

    def test_cannot_add_services_or_delete_channels_of_others(self, editor: Editor) -> None:
        client, _own, _mine, theirs = editor
        assert client.get(reverse("admin:directory_service_add")).status_code == 403
        other_channel = make_channel(theirs)
        client.post(reverse("admin:directory_channel_delete", args=[other_channel.pk]), {"post": "yes"})
        assert Channel.objects.filter(pk=other_channel.pk).exists()

    def test_cannot_open_or_post_back_an_old_version_of_another_organisations_channel(self, editor: Editor) -> None:
        client, _own, mine, theirs = editor
        other_channel = make_channel(theirs, value="1813")
        version = other_channel.history.latest().history_id
        old_version = reverse("admin:directory_channel_simple_history", args=[other_channel.pk, version])
        assert client.get(old_version).status_code == 403
        # The attack that was found: post the old version back, pointing the channel at one's own service.
        posted = client.post(old_version, {"service": mine.pk, "kind": "phone", "value": "1813", "position": 0})
        assert posted.status_code == 403
        other_channel.refresh_from_db()
        assert other_channel.service_id == theirs.pk

    @pytest.mark.parametrize("model", ["service", "channel"])
    def test_cannot_read_another_organisations_history(self, editor: Editor, model: str) -> None:
        client, _own, _mine, theirs = editor
        target = theirs if model == "service" else make_channel(theirs)
        assert client.get(reverse(f"admin:directory_{model}_history", args=[target.pk])).status_code == 403
        version = target.history.latest().history_id
        assert (
            client.get(reverse(f"admin:directory_{model}_simple_history", args=[target.pk, version])).status_code == 403
        )

    def test_do_not_see_who_changed_their_services(self, editor: Editor, curator_client: Client) -> None:
        client, _own, mine, _theirs = editor
        curator_client.post(
            reverse("admin:directory_service_change", args=[mine.pk]), change_form_data(curator_client, mine)
        )
        channel = make_channel(mine)
        for page in (
            reverse("admin:directory_service_history", args=[mine.pk]),
            reverse("admin:directory_channel_history", args=[channel.pk]),
        ):
            response = client.get(page)
            assert response.status_code == 200
            assert "curator" not in response.content.decode()
        assert (
            "curator" in curator_client.get(reverse("admin:directory_service_history", args=[mine.pk])).content.decode()
        )

    def test_autocomplete_offers_only_their_own_services(self, editor: Editor) -> None:
        client, _own, _mine, _theirs = editor
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "directory", "model_name": "channel", "field_name": "service", "term": ""},
        )
        assert response.status_code == 200
        assert {result["text"] for result in response.json()["results"]} == {"Eigen"}

    @pytest.mark.parametrize("model", ["service", "channel"])
    def test_compare_only_their_own_versions(self, editor: Editor, model: str) -> None:
        client, _own, mine, theirs = editor
        for target, status in ((mine, 200), (theirs, 403)):
            obj = target if model == "service" else make_channel(target)
            obj.save()
            versions = [record.history_id for record in obj.history.all()]
            response = client.get(reverse(f"admin:directory_{model}_compare", args=[obj.pk]), {"version": versions})
            assert response.status_code == status


def test_the_lists_of_services_and_channels_filter_by_organisation(curator_client: Client) -> None:
    own, other = make_organisation("Eigen vzw"), make_organisation("Andere vzw")
    make_channel(make_service("eigen", organisation=own), value="1813")
    make_channel(make_service("andere", organisation=other), value="106")
    services = curator_client.get(reverse("admin:directory_service_changelist"), {"organisation__id__exact": own.pk})
    channels = curator_client.get(
        reverse("admin:directory_channel_changelist"), {"service__organisation__id__exact": own.pk}
    )
    assert [service.slug for service in services.context["cl"].result_list] == ["eigen"]
    assert [channel.value for channel in channels.context["cl"].result_list] == ["1813"]


def test_the_list_shows_the_verification_state_with_its_date_how_and_flag(curator_client: Client) -> None:
    make_service(
        "oud",
        last_verified=timezone.localdate() - timedelta(days=400),
        verification_method="phone_call",
        needs_verification=True,
    )
    page = curator_client.get(reverse("admin:directory_service_changelist")).content.decode()
    assert "stale: 400 days" in page
    assert "phone call to the service · needs verification" in page


def test_view_on_site_opens_a_published_entry_as_the_public_reads_it(curator_client: Client) -> None:
    published, draft = make_service("open"), make_service("klad", status=Service.Status.DRAFT)
    channel = make_channel(published)
    page = curator_client.get(change_url(published), HTTP_ACCEPT_LANGUAGE="fr")
    link = reverse("service-detail", kwargs={"slug": "open"}) + "?lang=fr"
    assert f'href="{link}"' in page.content.decode()
    assert Client().get(link).json()["slug"] == "open"
    assert f'href="{reverse("service-detail", kwargs={"slug": "open"})}?lang=' in (
        curator_client.get(change_url(channel)).content.decode()
    )
    # The public never sees a draft: no link that would answer 404.
    assert "?lang=" not in curator_client.get(change_url(draft)).content.decode()


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("admin:directory_service_add", ["name_fr", "name_en", "summary_fr", "what_to_expect_en", "moderated_by"]),
        ("admin:directory_channel_add", ["label_fr", "label_en", "value_fr", "value_en", "region"]),
        ("admin:directory_topic_add", ["name_fr", "description_nl", "description_fr", "description"]),
    ],
)
def test_the_forms_offer_every_language_and_field(curator_client: Client, url_name: str, fields: list[str]) -> None:
    page = curator_client.get(reverse(url_name)).content.decode()
    assert [field for field in fields if f'name="{field}"' not in page] == []


def test_the_csv_export_has_a_row_per_channel_with_verification_hours_certainty_and_sources(
    curator_client: Client,
) -> None:
    checked = make_service("gecheckt", last_verified=timezone.localdate() - timedelta(days=3))
    phone = make_channel(checked, value="1813", public_holidays="open")
    make_hours(phone, [0], "18:00", "22:00")
    OpeningHours.objects.filter(channel=phone).update(confidence="secondary-unverified")
    make_channel(checked, kind="email", value="hulp@example.org")
    make_service("leeg", last_verified=None, needs_verification=True)
    response = curator_client.post(
        reverse("admin:directory_service_changelist"),
        {"action": "export_csv", "_selected_action": [s.pk for s in Service.objects.all()]},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["service"], row["channel"], row["address"]) for row in rows] == [
        ("Gecheckt", "phone", "1813"),
        ("Gecheckt", "e-mail", "hulp@example.org"),
        ("Leeg", "", ""),
    ]
    phone_row, email_row, empty_row = rows
    assert (phone_row["verification"], phone_row["weekly opening hours"]) == ("up to date", "Monday 18:00–22:00")
    assert phone_row["hours certainty"] == "secondary, unverified"
    assert phone_row["on Belgian public holidays"] == "open as on any other day"
    assert email_row["hours certainty"] == "no weekly hours known"
    assert phone_row["sources (date)"] == "https://example.org/gecheckt (2026-11)"
    assert (empty_row["verification"], empty_row["needs verification"]) == ("never verified", "yes")


def test_a_service_whose_ages_cross_gets_a_sentence_not_a_constraint_name(curator_client: Client) -> None:
    service = make_service()
    form = change_form_data(curator_client, service) | {"minimum_age": 18, "maximum_age": 12}
    page = curator_client.post(change_url(service), form).content.decode()
    assert "The minimum age cannot be above the maximum age." in page
    assert "service_minimum_age" not in page


def test_a_dutch_speaking_curator_works_in_dutch() -> None:
    make_service("nooit", last_verified=None)
    client = logged_in(make_user("curator", "curator"), "nl")
    assert "nooit gecontroleerd" in client.get(reverse("admin:directory_service_changelist")).content.decode()
    queue = client.get(reverse("admin:directory_service_verification_queue")).content.decode()
    assert "Wat eerst controleren" in queue
    assert "nooit door iemand van ons gecontroleerd" in queue
    channel = make_channel(Service.objects.get())
    form = change_form_data(client, channel) | {"exceptions-TOTAL_FORMS": 1}
    form |= {"exceptions-0-first_day": "2026-12-26", "exceptions-0-last_day": "2026-12-25", "exceptions-0-closed": "on"}
    assert (
        "De laatste dag kan niet voor de eerste dag liggen." in client.post(change_url(channel), form).content.decode()
    )
