"""Constraints and validation: what a curator cannot save, and the message that says what to fix."""

from collections.abc import Iterator
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from directory.models import Channel, HoursException, OpeningHours
from directory.validation import normalise_phone
from tests.makers import make_channel, make_service

pytestmark = pytest.mark.usefixtures("empty_directory")


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The messages are read in English here; the admin test of a Dutch curator reads them in Dutch."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        pytest.param("1813", "1813", id="suicide-line-short-number"),
        pytest.param("102", "102", id="awel-short-number"),
        pytest.param("106", "106", id="tele-onthaal-short-number"),
        pytest.param("1712", "1712", id="violence-line-short-number"),
        pytest.param("112", "112", id="emergency-number"),
        pytest.param("116000", "116000", id="child-focus-short-number"),
        pytest.param("078 15 10 20", "+3278151020", id="druglijn-full-number"),
        pytest.param("0800 32 123", "+3280032123", id="toll-free-full-number"),
    ],
)
def test_valid_belgian_numbers_are_accepted(raw: str, stored: str) -> None:
    assert normalise_phone(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("12", id="too-short"),
        pytest.param("116111", id="eu-child-line-not-operational-in-belgium"),
        pytest.param("bel ons", id="words"),
        pytest.param("0800 13", id="truncated-full-number"),
    ],
)
def test_invalid_numbers_are_refused_with_a_message(raw: str) -> None:
    with pytest.raises(ValidationError, match="phone number"):
        normalise_phone(raw)


@pytest.mark.parametrize(
    ("kind", "value", "href"),
    [
        pytest.param("phone", "1813", "tel:1813", id="short-number-dials-as-digits"),
        pytest.param("phone", "078 15 10 20", "tel:+3278151020", id="full-number-dials-in-e164"),
        pytest.param("email", "brievenbus@awel.be", "mailto:brievenbus@awel.be", id="email"),
        pytest.param("chat", "https://www.awel.be/chat", "https://www.awel.be/chat", id="chat-url"),
        pytest.param("sms", "1813", "sms:1813", id="sms"),
        pytest.param("walk-in", "Stationsstraat 1, Gent", "", id="walk-in-has-no-link"),
    ],
)
def test_channels_carry_a_ready_link(kind: str, value: str, href: str) -> None:
    channel = make_channel(make_service(), kind=kind, value=value)
    channel.full_clean()
    assert channel.href == href


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        pytest.param("phone", "regional numbers", "phone number", id="phone-that-is-not-a-number"),
        pytest.param("chat", "www.awel.be", "https://", id="chat-without-scheme"),
        pytest.param("email", "via the website", "e-mail address", id="email-that-is-not-an-address"),
    ],
)
def test_channel_addresses_are_validated_by_kind(kind: str, value: str, message: str) -> None:
    channel = Channel(service=make_service(), kind=kind, value=value)
    with pytest.raises(ValidationError) as error:
        channel.full_clean()
    assert message in str(error.value.message_dict["value"])


def test_minimum_age_above_maximum_is_refused_by_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_service(minimum_age=18, maximum_age=12)


def test_minimum_age_above_maximum_is_explained_to_the_curator() -> None:
    service = make_service()
    service.minimum_age, service.maximum_age = 18, 12
    with pytest.raises(ValidationError, match="minimum age cannot be above the maximum age"):
        service.full_clean()


def test_ages_above_120_are_refused() -> None:
    service = make_service()
    service.maximum_age = 121
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "maximum_age" in error.value.message_dict


def test_open_age_bounds_are_allowed() -> None:
    service = make_service(minimum_age=None, maximum_age=None)
    service.full_clean()


def test_unknown_time_zone_and_language_are_refused() -> None:
    service = make_service()
    service.time_zone = "Europe/Gent"
    service.languages = ["nl", "vlaams"]
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert set(error.value.message_dict) >= {"time_zone", "languages"}


def test_opening_hours_must_be_whole_minutes_and_24_hours_is_written_from_midnight() -> None:
    channel = make_channel(make_service())
    with pytest.raises(ValidationError, match="whole minutes"):
        OpeningHours(channel=channel, weekday=0, opens=time(18, 0, 30), closes=time(22)).full_clean()
    with pytest.raises(ValidationError, match="00:00 to 00:00"):
        OpeningHours(channel=channel, weekday=0, opens=time(18), closes=time(18)).full_clean()
    OpeningHours(channel=channel, weekday=0, opens=time(0), closes=time(0)).full_clean()


def test_an_exception_needs_its_days_in_order_and_both_times_or_none() -> None:
    channel = make_channel(make_service())
    with pytest.raises(ValidationError, match="last day cannot be before"):
        HoursException(channel=channel, first_day=date(2026, 12, 26), last_day=date(2026, 12, 24)).full_clean()
    with pytest.raises(ValidationError, match="both an opening and a closing time"):
        HoursException(
            channel=channel, first_day=date(2026, 12, 24), last_day=date(2026, 12, 24), opens=time(10)
        ).full_clean()


def test_saving_a_service_bumps_its_version() -> None:
    service = make_service()
    first = service.version
    service.name = "Nieuwe naam"
    service.save()
    service.refresh_from_db()
    assert service.version == first + 1


def test_the_schedule_of_a_channel_groups_exception_rows_by_dates() -> None:
    channel = make_channel(make_service())
    OpeningHours.objects.create(channel=channel, weekday=3, opens=time(18), closes=time(22))
    christmas = date(2026, 12, 24)
    HoursException.objects.create(
        channel=channel, first_day=christmas, last_day=christmas, opens=time(10), closes=time(12)
    )
    HoursException.objects.create(
        channel=channel, first_day=christmas, last_day=christmas, opens=time(14), closes=time(16)
    )
    schedule = Channel.objects.get(pk=channel.pk).schedule("Europe/Brussels")
    assert schedule is not None
    assert [(e.first_day, e.slots) for e in schedule.exceptions] == [
        (christmas, ((time(10), time(12)), (time(14), time(16))))
    ]


def test_a_channel_without_weekly_hours_has_no_schedule() -> None:
    channel = make_channel(make_service(), kind="email", value="info@example.org")
    assert channel.schedule("Europe/Brussels") is None
