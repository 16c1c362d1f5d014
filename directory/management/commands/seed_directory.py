from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.models import Service

SEED = settings.BASE_DIR / "fixtures" / "directory"


class Command(BaseCommand):
    help = (
        "Load the committed directory (fixtures/directory/) into an empty database only; a database that "
        "has services keeps them, so curators' edits survive a restart. `make seed` imports explicitly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        services = Service.objects.count()
        if services:
            self.stdout.write(f"The database has {services} services: kept them, nothing loaded.")
            return
        call_command("import_directory", SEED, stdout=self.stdout, verbosity=options["verbosity"])
