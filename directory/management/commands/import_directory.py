from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory.interchange import DirectoryFileError, import_directory


class Command(BaseCommand):
    help = (
        "Load the JSON files of export_directory from DIR in one transaction: rows are matched by natural key, "
        "created or updated, and nothing is written if any row is invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            report = import_directory(folder)
        except DirectoryFileError as error:
            raise CommandError(f"Nothing imported. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
