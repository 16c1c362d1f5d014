"""The verification queue (most doubtful facts first) and the reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.models import Confidence, OpeningHours, Service
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
def test_the_queue_of_the_real_directory_lists_every_entry_most_doubtful_first() -> None:
    entries = logged_in(make_user("curator", "curator")).get(reverse(QUEUE)).context["entries"]
    published = Service.objects.exclude(status=Service.Status.UNPUBLISHED).count()
    assert len(entries) == published
    assert [entry.risk for entry in entries] == sorted((entry.risk for entry in entries), reverse=True)


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
    assert "2 entries" in message.subject
