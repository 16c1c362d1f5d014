"""Write the published directory as Open Referral HSDS 3.0 JSON files: the same objects as /api/hsds/.

Deterministic: sorted keys and lists, ids from slugs, no timestamp of the export itself, so an
unchanged directory gives byte-identical files and a changed one a readable diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from directory.hsds import mapping
from directory.models import Topic


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_folder(folder: Path, files: dict[str, Any]) -> None:
    """Write one JSON file per object and remove the ones of objects that are gone."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    for name, value in files.items():
        (folder / name).write_text(dump(value), encoding="utf-8")


def export(directory: Path) -> dict[str, int]:
    services = {service.pk: (service, mapping.service_object(service)) for service in mapping.published_services()}
    by_organisation: dict[int, list[dict[str, Any]]] = {}
    organisations = {}
    for service, nested in services.values():
        organisations[service.organisation_id] = service.organisation
        by_organisation.setdefault(service.organisation_id, []).append(mapping.service_list_item(nested))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "dataset.json").write_text(
        dump({"version": mapping.HSDS_VERSION, "license": mapping.LICENCE}), encoding="utf-8"
    )
    write_folder(directory / "services", {f"{service.slug}.json": nested for service, nested in services.values()})
    write_folder(
        directory / "organizations",
        {
            f"{mapping.organisation_key(organisation)}.json": mapping.organization_object(
                organisation, by_organisation[pk]
            )
            for pk, organisation in organisations.items()
        },
    )
    (directory / "taxonomies.json").write_text(dump(mapping.taxonomies()), encoding="utf-8")
    (directory / "taxonomy_terms.json").write_text(dump(mapping.taxonomy_terms(Topic.objects.all())), encoding="utf-8")
    return {"services": len(services), "organizations": len(organisations)}


class Command(BaseCommand):
    help = "Write the published directory as HSDS 3.0 JSON files (services/, organizations/, taxonomies) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory", type=Path, help="Folder to write; its services/ and organizations/ are replaced."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["directory"]
        counts = export(folder)
        self.stdout.write(
            f"Wrote {counts['services']} services and {counts['organizations']} organizations to {folder}."
        )
