"""Read an HSDS 3.0 dataset into draft services for review (see directory/hsds/reading.py)."""

from __future__ import annotations

import json
from typing import Any
from urllib.error import URLError

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from directory.hsds.reading import import_dataset, read_dataset


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 dataset (a folder as export_hsds writes it, a JSON file, or an http(s) URL of a "
        "service or of an HSDS API list) as draft services that need verification."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("location", help="FILE, DIR or URL")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            dataset = read_dataset(options["location"])
        except (OSError, URLError, ValueError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {options['location']}: {error}") from error
        report = import_dataset(dataset, timezone.localdate())
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            f"{len(report.created)} draft services created, {len(report.skipped)} skipped, "
            f"from {len(dataset.services)} in {dataset.origin}."
        )
