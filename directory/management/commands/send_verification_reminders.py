"""E-mail each organisation's editors the entries past their verification deadline.

Meant for cron (see docs/curation.md), for example every Monday at 08:00:
    0 8 * * 1  cd /srv/referral && .venv/bin/python manage.py send_verification_reminders
Mail goes through EMAIL_BACKEND (the console by default: set an SMTP backend in production).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from directory import verification
from directory.models import Organisation, Service


class Command(BaseCommand):
    help = "E-mail organisation editors whose entries are past their verification deadline (run it from cron)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say who would get what; send nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        # The editors' language is the site's, whatever a caller had active.
        with translation.override(settings.LANGUAGE_CODE):
            self.remind(dry_run=dry_run)

    def remind(self, *, dry_run: bool) -> None:
        overdue = verification.overdue(Service.objects.exclude(status=Service.Status.UNPUBLISHED)).order_by("name")
        grouped = verification.by_organisation(overdue)
        sent = 0
        for organisation in Organisation.objects.filter(pk__in=grouped).prefetch_related("editors"):
            services = grouped[organisation.pk]
            recipients = sorted(e.email for e in organisation.editors.all() if e.is_active and e.email)
            if not recipients:
                self.stderr.write(
                    _("%(organisation)s: %(count)d entries overdue, but no editor with an e-mail address.")
                    % {"organisation": organisation, "count": len(services)}
                )
                continue
            if dry_run:
                self.stdout.write(f"{organisation}: {', '.join(recipients)} <- {', '.join(map(str, services))}")
                continue
            send_mail(subject(organisation, services), body(services), None, recipients)
            sent += 1
        summary = _("%(sent)d reminders sent about %(entries)d entries.")
        self.stdout.write(summary % {"sent": sent, "entries": len(overdue)})


def subject(organisation: Organisation, services: list[Service]) -> str:
    return _("%(organisation)s: %(count)d entries to verify in the helpline directory") % {
        "organisation": organisation,
        "count": len(services),
    }


def body(services: list[Service]) -> str:
    lines = [
        _(
            "These entries have not been checked for a long time. Young people are sent to them: please check "
            "each number, age range and opening hour with your service, and correct what changed in the admin."
        ),
        "",
    ]
    for service in services:
        when = service.last_verified.isoformat() if service.last_verified else _("never")
        lines.append(
            f"- {service.name} ({_('last verified')}: {when}): "
            f"{reverse('admin:directory_service_change', args=[service.pk])}"
        )
    return "\n".join(lines)
