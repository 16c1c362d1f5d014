"""Django's loaddata, plus what its raw saves skip for directory rows (they bypass save()): a first
history record for each loaded row, and one version bump so every directory snapshot rebuilds."""

from typing import Any

from django.core.management.commands import loaddata
from django.db import transaction

from directory.interchange import record_baselines
from directory.models import one_directory_change

LOADDATA_REASON = "loaddata"


class Command(loaddata.Command):
    help = f"{loaddata.Command.help} Loaded directory rows get a history baseline; the directory snapshot rebuilds."

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        with transaction.atomic(using=options["database"]), one_directory_change():
            super().handle(*fixture_labels, **options)
            record_baselines(LOADDATA_REASON)
