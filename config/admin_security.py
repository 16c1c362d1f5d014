"""The admin's locks: a second factor (TOTP) for staff, and failed logins limited per address and
user name (django-axes, counting in the shared cache).

ADMIN_REQUIRE_2FA (on by default when DEBUG is off) is read on every request, so it can be turned
off for local work and in tests. Staff enrol a TOTP device with `manage.py add_totp_device NAME`
(or a curator adds one on the admin's "TOTP devices" page); the login form then asks for the code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """The address throttles use too: the socket's, or the trusted proxy's hop (TRUSTED_PROXY_COUNT)."""
    return str(BaseThrottle().get_ident(request))


def lockout(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Too many failed logins for this account from this address. Try again in %(minutes)d minutes.")
    return HttpResponse(message % {"minutes": minutes}, status=429, content_type="text/plain; charset=utf-8")


class SecondFactorAdminSite(OTPAdminSite):
    """The admin, asking staff for a TOTP code as well when ADMIN_REQUIRE_2FA is on."""

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    @property  # type: ignore[override]
    def login_form(self) -> Any:
        return OTPAdminAuthenticationForm if settings.ADMIN_REQUIRE_2FA else None

    @property  # type: ignore[override]
    def login_template(self) -> Any:
        return OTPAdminSite.login_template if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return bool(super().has_permission(request))
        return AdminSite.has_permission(self, request)
