"""The verification queue (most doubtful facts first) and the reminders."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.entries import Catalog
from directory.models import Confidence, OpeningHours, Service
from directory.verification import REACH_WEIGHT
from tests.directory.admin_pages import logged_in, make_user
from tests.directory.conftest import Editor
from tests.makers import link_topic, make_channel, make_hours, make_organisation, make_service

QUEUE = "admin:directory_service_verification_queue"


@pytest.mark.usefixtures("empty_directory")
def test_a_doubtful_service_people_are_sent_to_comes_before_a_sure_one(curator_client: Client) -> None:
    today = timezone.localdate()
    doubtful = make_service("twijfel", last_verified=None)
    link_topic(doubtful, "self-harm")
    channel = make_channel(doubtful)
    make_hours(channel, range(7), "00:00", "00:00")
    OpeningHours.objects.filter(channel=channel).update(confidence=Confidence.SECONDARY)
    sure = make_service("zeker", last_verified=today - timedelta(days=3))
    sure.sources.create(url="https://example.org/zeker/uren", source_date="2026-11")
    make_hours(make_channel(sure, value="106", public_holidays="open"), range(7), "00:00", "00:00")
    quiet = make_service("stil", last_verified=today - timedelta(days=400))

    entries = curator_client.get(reverse(QUEUE)).context["entries"]
    assert [entry.service.slug for entry in entries] == ["twijfel", "stil", "zeker"]
    first = entries[0]
    reasons = " ".join(doubt.reason for doubt in first.doubts)
    assert "never verified" in reasons
    assert "secondary source" in reasons
    assert "a single source" in reasons
    assert entries[2].risk == 0
    assert quiet.pk == entries[1].service.pk


@pytest.mark.usefixtures("directory_data")
def test_the_queue_of_the_real_directory_lists_every_entry_riskiest_first_weighed_by_reach() -> None:
    entries = logged_in(make_user("curator", "curator")).get(reverse(QUEUE)).context["entries"]
    published = Service.objects.exclude(status=Service.Status.UNPUBLISHED).count()
    assert len(entries) == published
    assert [entry.risk for entry in entries] == sorted((entry.risk for entry in entries), reverse=True)
    # Reach comes from the triage grid through the setting (directory/ never imports referral/):
    # every case of the grid suggests someone first, and several services share the cases.
    reach = {entry.service.slug: entry.reach for entry in entries}
    assert sum(reach.values()) == pytest.approx(1.0)
    assert reach["awel"] > 0
    assert len([slug for slug, share in reach.items() if share > 0]) > 3
    for entry in entries:
        assert entry.risk == round(entry.doubt * (1 + REACH_WEIGHT * entry.reach), 1)


def test_editors_see_only_their_own_services_in_the_queue(editor: Editor) -> None:
    entries = editor.client.get(reverse(QUEUE)).context["entries"]
    assert [entry.service.slug for entry in entries] == ["eigen"]


@pytest.mark.usefixtures("empty_directory")
def test_reminders_go_to_the_editors_of_each_organisation_with_overdue_entries() -> None:
    today = timezone.localdate()
    late, on_time, no_mail = make_organisation("Laat vzw"), make_organisation("Op tijd vzw"), make_organisation("Stil")
    for organisation, address in ((late, "laat@example.org"), (on_time, "optijd@example.org"), (no_mail, "")):
        user = User.objects.create_user(username=organisation.name, email=address)
        organisation.editors.add(user)
    make_service("oud", organisation=late, last_verified=today - timedelta(days=181))
    make_service("nooit", organisation=late, last_verified=None)
    make_service("weg", organisation=late, last_verified=None, status=Service.Status.UNPUBLISHED)
    make_service("vers", organisation=on_time, last_verified=today - timedelta(days=10))
    make_service("zonder", organisation=no_mail, last_verified=None)

    call_command("send_verification_reminders", "--dry-run")
    assert mail.outbox == []
    call_command("send_verification_reminders")
    [message] = mail.outbox
    assert message.to == ["laat@example.org"]
    assert "Nooit" in message.body
    assert "Oud" in message.body
    assert "Weg" not in message.body
    assert "2 fiches te controleren" in message.subject  # in the site's language, Dutch


@pytest.mark.usefixtures("empty_directory")
def test_of_two_equally_doubtful_services_the_one_suggested_first_more_often_comes_first(
    curator_client: Client, settings: Any
) -> None:
    settings.DIRECTORY_SUGGESTED_FIRST = "tests.directory.test_verification_queue.fixed_reach"
    make_service("zelden", last_verified=None)
    make_service("vaak", last_verified=None)
    page = curator_client.get(reverse(QUEUE))
    assert [(entry.service.slug, entry.risk) for entry in page.context["entries"]] == [
        ("vaak", round(4 * (1 + REACH_WEIGHT * 0.5), 1)),
        ("zelden", round(4 * (1 + REACH_WEIGHT * 0.1), 1)),
    ]
    assert "50% of the grid" in page.content.decode()


def fixed_reach(catalog: Catalog) -> dict[str, float]:
    return {"vaak": 0.5, "zelden": 0.1}
