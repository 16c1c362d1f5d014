"""Closing many channels for a date range in one action: curators at once, editors through review."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from directory.models import Channel, HoursException, ProposedChange
from tests.directory.conftest import Editor
from tests.makers import make_channel, make_hours, make_service

pytestmark = pytest.mark.usefixtures("empty_directory")

SERVICES = "admin:directory_service_changelist"
CHANNELS = "admin:directory_channel_changelist"
CHRISTMAS = {"first_day": "2026-12-24", "last_day": "2026-12-26", "closed": "on", "reason": "Kerstvakantie"}


def close(client: Client, changelist: str, selected: list[int], channels: list[int], **form: str) -> str:
    """Runs the action on the selection and posts its intermediate form; the page shown at the end."""
    action = {"action": "close_for_dates", "_selected_action": selected}
    first = client.post(reverse(changelist), action)
    assert first.status_code == 200
    assert "closure-form" in first.content.decode()
    response = client.post(reverse(changelist), action | {"apply": "1", "channels": channels} | form, follow=True)
    return response.content.decode()


def with_hours(service_slug: str, *values: str) -> list[Channel]:
    service = make_service(service_slug)
    channels = [make_channel(service, value=value) for value in values]
    for channel in channels:
        make_hours(channel, range(7), "10:00", "22:00")
    return channels


def test_a_curator_closes_the_chosen_channels_of_many_services_in_one_action(curator_client: Client) -> None:
    one, other = with_hours("een", "1813"), with_hours("twee", "106", "107")
    make_channel(one[0].service, kind="email", value="hulp@example.org")  # no hours: not offered
    page = close(
        curator_client, SERVICES, [one[0].service_id, other[0].service_id], [one[0].pk, other[0].pk], **CHRISTMAS
    )
    assert "Date exception added to 2 channel(s)" in page
    closed = HoursException.objects.all()
    assert {(row.channel.value, row.first_day, row.last_day, row.opens, row.reason) for row in closed} == {
        ("1813", date(2026, 12, 24), date(2026, 12, 26), None, "Kerstvakantie"),
        ("106", date(2026, 12, 24), date(2026, 12, 26), None, "Kerstvakantie"),
    }
    record = closed.first().history.latest()
    assert record.history_change_reason == "closure 2026-12-24 – 2026-12-26: Kerstvakantie"
    assert record.history_user.username == "curator"
    assert Channel.objects.get(value="1813").history.latest().history_change_reason.startswith("closure")
    # The triage directory sees the closure: the channel is closed on Christmas day.
    schedule = Channel.objects.get(value="1813").schedule("Europe/Brussels")
    assert schedule.exceptions[0].slots == ()


def test_the_form_offers_only_channels_with_weekly_hours(curator_client: Client) -> None:
    [phone] = with_hours("een", "1813")
    make_channel(phone.service, kind="email", value="hulp@example.org")
    form = curator_client.post(
        reverse(SERVICES), {"action": "close_for_dates", "_selected_action": [phone.service_id]}
    ).context["form"]
    assert list(form.fields["channels"].queryset) == [phone]


def test_special_hours_for_many_channels_from_the_channel_list(curator_client: Client) -> None:
    channels = with_hours("een", "1813", "106")
    ids = [channel.pk for channel in channels]
    form = {
        "first_day": "2026-12-31",
        "last_day": "2026-12-31",
        "opens": "10:00",
        "closes": "17:00",
        "reason": "Oudjaar",
    }
    close(curator_client, CHANNELS, ids, ids, **form)
    assert (
        sorted(f"{row.opens:%H:%M}-{row.closes:%H:%M}" for row in HoursException.objects.all()) == ["10:00-17:00"] * 2
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        pytest.param(
            CHRISTMAS | {"last_day": "2026-12-20"}, "The last day cannot be before the first day.", id="order"
        ),
        pytest.param(CHRISTMAS | {"opens": "10:00"}, "A closed day has no hours", id="closed-with-times"),
        pytest.param(CHRISTMAS | {"closed": ""}, "Give the special hours of these days", id="neither"),
        pytest.param(CHRISTMAS | {"reason": ""}, "This field is required.", id="no-reason"),
    ],
)
def test_a_wrong_closure_is_refused_with_a_sentence_and_changes_nothing(
    curator_client: Client, form: dict[str, str], message: str
) -> None:
    [phone] = with_hours("een", "1813")
    page = close(curator_client, SERVICES, [phone.service_id], [phone.pk], **{k: v for k, v in form.items() if v})
    assert message in page
    assert "hours_exception_" not in page
    assert not HoursException.objects.exists()


def test_a_channel_with_an_exception_on_the_same_dates_is_left_alone_and_named(curator_client: Client) -> None:
    free, taken = with_hours("een", "1813", "106")
    HoursException.objects.create(
        channel=taken, first_day=date(2026, 12, 24), last_day=date(2026, 12, 26), opens="10:00", closes="12:00"
    )
    page = close(curator_client, CHANNELS, [free.pk, taken.pk], [free.pk, taken.pk], **CHRISTMAS)
    assert "Left alone" in page
    assert [row.opens for row in taken.exceptions.all()] == [time(10)]
    assert free.exceptions.get().opens is None


def test_an_editors_closure_waits_for_review_and_reaches_only_their_own_channels(
    editor: Editor, curator_client: Client
) -> None:
    mine, theirs = make_channel(editor.mine, value="1813"), make_channel(editor.theirs, value="106")
    for channel in (mine, theirs):
        make_hours(channel, range(7), "10:00", "22:00")
    page = close(editor.client, SERVICES, [editor.mine.pk, editor.theirs.pk], [mine.pk], **CHRISTMAS)
    assert "waits for a curator" in page
    assert not HoursException.objects.exists()
    proposal = ProposedChange.objects.get()
    assert proposal.channel == mine
    # The other organisation's channel is not even offered, and posting it is refused.
    refused = close(editor.client, SERVICES, [editor.mine.pk, editor.theirs.pk], [theirs.pk], **CHRISTMAS)
    assert "Select a valid choice" in refused
    curator_client.post(reverse("admin:directory_proposedchange_change", args=[proposal.pk]), {"_approve": "1"})
    assert mine.exceptions.get().reason == "Kerstvakantie"
