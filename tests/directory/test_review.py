"""Review of organisation editors' changes: crisis-critical facts wait for a curator, plain texts go
live, editors cannot publish, unpublish or verify, and every path is tried against two organisations."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from directory.models import Channel, ProposedChange, Service
from tests.directory.admin_pages import change_form_data, change_url, form_data
from tests.directory.conftest import Editor
from tests.makers import make_channel, make_hours, make_service

pytestmark = pytest.mark.usefixtures("empty_directory")

REVIEW_LIST = "admin:directory_proposedchange_changelist"


def review_url(proposal: ProposedChange) -> str:
    return reverse("admin:directory_proposedchange_change", args=[proposal.pk])


def slots(channel: Channel) -> list[tuple[int, str, str]]:
    return [(row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}") for row in channel.opening_hours.all()]


def test_an_editors_unpublishing_waits_while_their_new_summary_goes_live(editor: Editor) -> None:
    form = change_form_data(editor.client, editor.mine) | {"status": "unpublished", "summary_nl": "Nieuwe tekst."}
    assert editor.client.post(change_url(editor.mine), form).status_code == 302
    editor.mine.refresh_from_db()
    assert (editor.mine.status, editor.mine.summary_nl) == ("published", "Nieuwe tekst.")
    proposal = ProposedChange.objects.get()
    assert (proposal.service, proposal.channel, proposal.values) == (
        editor.mine,
        None,
        {"fields": {"status": "unpublished"}},
    )
    assert Client().get("/api/v1/services/eigen/").status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        pytest.param("minimum_age", 16, 16, id="age-range"),
        pytest.param("last_verified", "2026-11-30", "2026-11-30", id="verification-date"),
        pytest.param("needs_verification", "", False, id="clearing-needs-verification"),
        pytest.param("verification_method", "own_edit", "own_edit", id="verification-method"),
    ],
)
def test_editors_changes_to_crisis_critical_service_fields_wait_for_review(
    editor: Editor, field: str, value: object, stored: object
) -> None:
    editor.mine.needs_verification = True
    editor.mine.save()
    before = getattr(Service.objects.get(pk=editor.mine.pk), field)
    form = change_form_data(editor.client, editor.mine)
    if value == "":
        form.pop(field, None)  # an unticked box is not posted
    else:
        form[field] = value
    assert editor.client.post(change_url(editor.mine), form).status_code == 302
    assert getattr(Service.objects.get(pk=editor.mine.pk), field) == before
    assert ProposedChange.objects.get().values == {"fields": {field: stored}}


def test_a_curator_approves_and_the_history_says_so(editor: Editor, curator_client: Client) -> None:
    form = change_form_data(editor.client, editor.mine) | {"minimum_age": 16}
    editor.client.post(change_url(editor.mine), form)
    proposal = ProposedChange.objects.get()
    page = curator_client.get(reverse(REVIEW_LIST)).content.decode()
    assert "– → 16" in page
    response = curator_client.post(review_url(proposal), {"_approve": "1", "curator_note": "Gebeld met de lijn."})
    assert response.status_code == 302
    editor.mine.refresh_from_db()
    assert editor.mine.minimum_age == 16
    record = editor.mine.history.latest()
    assert record.history_change_reason.startswith(f"approved change #{proposal.pk} proposed by editor")
    assert record.history_user.username == "curator"
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by.username) == ("approved", "curator")
    assert curator_client.post(review_url(proposal), {"_approve": "1"}).status_code == 200  # decided once


def test_a_rejection_needs_a_note_that_the_editor_reads_without_the_curators_name(
    editor: Editor, curator_client: Client
) -> None:
    editor.client.post(change_url(editor.mine), change_form_data(editor.client, editor.mine) | {"maximum_age": 30})
    proposal = ProposedChange.objects.get()
    assert curator_client.post(review_url(proposal), {"_reject": "1", "curator_note": " "}).status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == "pending"
    curator_client.post(review_url(proposal), {"_reject": "1", "curator_note": "Jullie site zegt nog tot 25."})
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    editor.mine.refresh_from_db()
    assert editor.mine.maximum_age is None
    seen_by_editor = editor.client.get(review_url(proposal)).content.decode()
    assert "Jullie site zegt nog tot 25." in seen_by_editor
    assert "by curator" not in seen_by_editor
    assert "by curator" in curator_client.get(review_url(proposal)).content.decode()


def test_an_editors_phone_number_and_hours_wait_until_approved(editor: Editor, curator_client: Client) -> None:
    channel = make_channel(editor.mine, value="1813")
    make_hours(channel, [0], "18:00", "22:00")
    form = change_form_data(editor.client, channel)
    form |= {"value": "02 649 95 55", "label": "Nieuw label", "opening_hours-0-closes": "23:00"}
    form |= {"exceptions-TOTAL_FORMS": 1, "exceptions-0-first_day": "2026-12-25", "exceptions-0-last_day": "2026-12-25"}
    form |= {"exceptions-0-closed": "on", "exceptions-0-reason": "Kerstmis"}
    assert editor.client.post(change_url(channel), form).status_code == 302
    channel.refresh_from_db()
    assert (channel.value, channel.label, slots(channel), channel.exceptions.count()) == (
        "1813",
        "Nieuw label",  # a label is a plain text: live at once
        [(0, "18:00", "22:00")],
        0,
    )
    proposal = ProposedChange.objects.get()
    assert proposal.channel == channel
    assert proposal.values["fields"] == {"value": "02 649 95 55"}
    assert [row["closes"] for row in proposal.values["opening_hours"]] == ["23:00"]
    assert proposal.values["exceptions"][0]["opens"] is None

    curator_client.post(review_url(proposal), {"_approve": "1"})
    channel.refresh_from_db()
    assert (channel.value, slots(channel), channel.exceptions.get().reason) == (
        "02 649 95 55",
        [(0, "18:00", "23:00")],
        "Kerstmis",
    )


def test_an_editors_new_channel_exists_only_once_approved(editor: Editor, curator_client: Client) -> None:
    add_page = editor.client.get(reverse("admin:directory_channel_add"))
    form = form_data(add_page) | {"service": editor.mine.pk, "kind": "phone", "value": "1712", "position": 0}
    form |= {"opening_hours-TOTAL_FORMS": 1, "opening_hours-0-weekday": 0, "opening_hours-0-opens": "09:00"}
    form |= {"opening_hours-0-closes": "17:00", "opening_hours-0-confidence": "primary-dated"}
    response = editor.client.post(reverse("admin:directory_channel_add"), form)
    assert response.status_code == 302
    assert response["Location"] == reverse(REVIEW_LIST)
    assert not Channel.objects.exists()
    proposal = ProposedChange.objects.get()
    assert proposal.values["new_channel"] is True

    curator_client.post(review_url(proposal), {"_approve": "1"})
    channel = Channel.objects.get()
    assert (channel.service, channel.value, slots(channel)) == (editor.mine, "1712", [(0, "09:00", "17:00")])
    proposal.refresh_from_db()
    assert proposal.channel == channel


def test_an_editor_cannot_propose_a_channel_for_another_organisation(editor: Editor) -> None:
    form = form_data(editor.client.get(reverse("admin:directory_channel_add")))
    form |= {"service": editor.theirs.pk, "kind": "phone", "value": "1712", "position": 0}
    assert editor.client.post(reverse("admin:directory_channel_add"), form).status_code == 200  # the form refuses
    assert not ProposedChange.objects.exists()


def test_an_editors_revert_of_a_channel_is_a_proposal_too(editor: Editor) -> None:
    channel = make_channel(editor.mine, value="1813")
    make_hours(channel, [0], "18:00", "22:00")
    first = channel.history.latest()
    channel.value = "106"
    channel.save()
    channel.opening_hours.all().delete()
    url = reverse("admin:directory_channel_simple_history", args=[channel.pk, first.history_id])
    assert editor.client.post(url, form_data(editor.client.get(url))).status_code == 302
    channel.refresh_from_db()
    assert (channel.value, slots(channel)) == ("106", [])
    proposal = ProposedChange.objects.get()
    assert proposal.values["fields"] == {"value": "1813"}
    assert [row["opens"] for row in proposal.values["opening_hours"]] == ["18:00"]


def test_the_service_page_does_not_let_editors_change_channels(editor: Editor) -> None:
    channel = make_channel(editor.mine, value="1813")
    form = change_form_data(editor.client, editor.mine) | {"channels-0-value": "106", "channels-0-id": channel.pk}
    assert editor.client.post(change_url(editor.mine), form).status_code == 302
    channel.refresh_from_db()
    assert channel.value == "1813"


def test_curators_changes_are_live_at_once(curator_client: Client) -> None:
    service = make_service()
    curator_client.post(change_url(service), change_form_data(curator_client, service) | {"status": "unpublished"})
    service.refresh_from_db()
    assert service.status == "unpublished"
    assert not ProposedChange.objects.exists()


@pytest.mark.parametrize(
    "action", ["publish", "unpublish", "verified_by_phone_call", "verified_on_own_website", "verified_by_own_edit"]
)
def test_editors_can_neither_see_nor_post_the_curators_actions(editor: Editor, action: str) -> None:
    editor.mine.status = Service.Status.DRAFT
    editor.mine.needs_verification = True
    editor.mine.save()
    listing = editor.client.get(reverse("admin:directory_service_changelist")).content.decode()
    assert f'value="{action}"' not in listing
    editor.client.post(
        reverse("admin:directory_service_changelist"), {"action": action, "_selected_action": [editor.mine.pk]}
    )
    editor.mine.refresh_from_db()
    assert (editor.mine.status, editor.mine.needs_verification, editor.mine.verified_by) == ("draft", True, None)


class TestTwoOrganisations:
    def make_proposals(self, editor: Editor, curator_client: Client) -> tuple[ProposedChange, ProposedChange]:
        editor.client.post(change_url(editor.mine), change_form_data(editor.client, editor.mine) | {"minimum_age": 9})
        mine = ProposedChange.objects.get()
        theirs = ProposedChange.objects.create(service=editor.theirs, values={"fields": {"minimum_age": 10}})
        return mine, theirs

    def test_editors_see_only_their_own_organisations_proposals(self, editor: Editor, curator_client: Client) -> None:
        mine, theirs = self.make_proposals(editor, curator_client)
        listing = editor.client.get(reverse(REVIEW_LIST))
        assert list(listing.context["cl"].result_list) == [mine]
        assert editor.client.get(review_url(mine)).status_code == 200
        assert editor.client.get(review_url(theirs)).status_code == 403
        assert {p.pk for p in curator_client.get(reverse(REVIEW_LIST)).context["cl"].result_list} == {
            mine.pk,
            theirs.pk,
        }

    @pytest.mark.parametrize("decision", ["_approve", "_reject"])
    def test_editors_cannot_decide_any_proposal(self, editor: Editor, curator_client: Client, decision: str) -> None:
        for proposal in self.make_proposals(editor, curator_client):
            response = editor.client.post(review_url(proposal), {decision: "1", "curator_note": "Zelf goedgekeurd."})
            assert response.status_code == 403
            proposal.refresh_from_db()
            assert proposal.state == "pending"
        assert "_approve" not in editor.client.get(review_url(ProposedChange.objects.first())).content.decode()

    def test_editors_see_their_pending_change_on_the_service_page(self, editor: Editor, curator_client: Client) -> None:
        mine, _theirs = self.make_proposals(editor, curator_client)
        page = editor.client.get(change_url(editor.mine)).content.decode()
        assert review_url(mine) in page


def test_an_editors_move_of_a_walk_in_place_to_another_province_waits_for_review(editor: Editor) -> None:
    place = make_channel(editor.mine, kind="walk-in", value="Markt 1, Gent", region="oost-vlaanderen")
    form = change_form_data(editor.client, place) | {"region": "antwerpen", "value_fr": "Grand-Place 1, Gand"}
    assert editor.client.post(change_url(place), form).status_code == 302
    place.refresh_from_db()
    assert (place.region, place.value_fr) == ("oost-vlaanderen", "")
    assert ProposedChange.objects.get().values == {"fields": {"region": "antwerpen", "value_fr": "Grand-Place 1, Gand"}}
