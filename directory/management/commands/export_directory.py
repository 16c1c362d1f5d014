from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from directory.interchange import export_directory


class Command(BaseCommand):
    help = "Write the whole directory as sorted JSON files (topics, organisations, one file per service) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        written = export_directory(folder)
        self.stdout.write(f"Wrote {len(written)} files to {folder}.")
