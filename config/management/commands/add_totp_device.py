"""Enrol a staff member's authenticator app: prints the otpauth:// link (and its secret) once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Add a TOTP device for a staff user and print the link to scan or paste into an authenticator app."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="A name for the device, e.g. 'phone'.")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: only the admin asks for a second factor.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Added TOTP device {name!r} for {username}. Scan or paste this link once; keep it secret:")
        self.stdout.write(device.config_url)
