"""The admin's locks: failed logins limited per address and user name, and a TOTP code required
for staff when ADMIN_REQUIRE_2FA is on (the default with DEBUG off)."""

from __future__ import annotations

from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def curator(db: None) -> User:
    cache.clear()  # failed-login counters live in the cache
    return User.objects.create_user(username="curator", password="a-long-curator-password", is_staff=True)


def log_in(client: Client, password: str, username: str = "curator", **extra: str) -> int:
    return client.post(LOGIN, {"username": username, "password": password, **extra}).status_code


def test_five_failed_logins_lock_that_name_from_that_address(curator: User) -> None:
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    assert [log_in(attacker, f"guess-{n}") for n in range(5)] == [200, 200, 200, 200, 429]
    locked = attacker.post(LOGIN, {"username": "curator", "password": "a-long-curator-password"})
    assert locked.status_code == 429  # even the right password, until the cool-off ends
    assert "Te veel mislukte aanmeldingen" in locked.content.decode()  # the admin's language: Dutch by default
    # The curator, from their own address, still gets in: the lock is per address and name together.
    assert log_in(Client(REMOTE_ADDR="203.0.113.4"), "a-long-curator-password") == 302


def test_a_forged_x_forwarded_for_does_not_reset_the_count(curator: User) -> None:
    statuses = [
        log_in(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), "guess") for n in range(6)
    ]
    assert statuses[-1] == 429


def test_with_the_second_factor_required_a_password_alone_does_not_open_the_admin(curator: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ADMIN_REQUIRE_2FA = True
    client = Client()
    client.force_login(curator)  # a valid password session, no verified device
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert 'name="otp_token"' in client.get(LOGIN).content.decode()


def test_enrolment_then_login_with_a_totp_code_opens_the_admin(curator: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ADMIN_REQUIRE_2FA = True
    out = StringIO()
    call_command("add_totp_device", "curator", "--name", "phone", stdout=out)
    link = out.getvalue().strip().splitlines()[-1]
    assert link.startswith("otpauth://totp/")
    assert parse_qs(urlparse(link).query)["secret"]
    device = TOTPDevice.objects.get(user=curator, name="phone")

    # The right code first: after a wrong one, django-otp throttles the device for a second, and a
    # fast machine would retry inside that second.
    client = Client()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert log_in(client, "a-long-curator-password", otp_device=device.persistent_id, otp_token=code) == 302
    assert client.get("/admin/").status_code == 200

    intruder = Client()
    wrong = {"otp_device": device.persistent_id, "otp_token": "000000"}
    assert log_in(intruder, "a-long-curator-password", **wrong) == 200
    assert intruder.get("/admin/").status_code == 302


def test_the_second_factor_is_on_by_default_with_debug_off() -> None:
    from tests.production.test_serving import run_python

    code = "import django; django.setup(); from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA)"
    assert run_python(code, {}).stdout.strip() == "True"
    assert run_python(code, {"DEBUG": "1"}).stdout.strip() == "False"
