"""Every way of writing directory data makes the directory snapshot rebuild (the version token in the
cache changes when the transaction commits): saves, bulk writes, imports and fixture loads."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import DIRECTORY_VERSION_KEY, Organisation, Service, Topic


def export(folder: Path) -> Path:
    call_command("export_directory", folder, stdout=io.StringIO())
    return folder


def version_after(write: Callable[[], Any], capture: Any) -> tuple[int, bool]:
    """How many version bumps `write` queues, and whether the token changed once they ran."""
    before = cache.get(DIRECTORY_VERSION_KEY)
    with capture(execute=True) as callbacks:
        write()
    return len(callbacks), cache.get(DIRECTORY_VERSION_KEY) != before


def rename_topics() -> None:
    Topic.objects.filter(slug="grief").update(description="Changed in bulk.")


def create_topics() -> None:
    Topic.objects.bulk_create([Topic(slug="new-topic", name_nl="Nieuw", name_fr="Nouveau", name_en="New")])


def update_topics() -> None:
    topics = list(Topic.objects.filter(slug__in=["grief", "school"]))
    for topic in topics:
        topic.description = "Changed in bulk."
    Topic.objects.bulk_update(topics, ["description"])


def delete_sources() -> None:
    Service.objects.get(slug="awel").sources.all().delete()


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(rename_topics, id="queryset-update"),
        pytest.param(create_topics, id="bulk-create"),
        pytest.param(update_topics, id="bulk-update"),
        pytest.param(delete_sources, id="queryset-delete"),
    ],
)
def test_bulk_writes_bump_the_directory_version(
    directory_data: None, django_capture_on_commit_callbacks: Any, write: Callable[[], None]
) -> None:
    bumps, changed = version_after(write, django_capture_on_commit_callbacks)
    assert bumps == 1
    assert changed


def test_a_bulk_write_that_touches_nothing_bumps_nothing(
    directory_data: None, django_capture_on_commit_callbacks: Any
) -> None:
    bumps, _ = version_after(
        lambda: Topic.objects.filter(slug="no-such-topic").update(description="x"), django_capture_on_commit_callbacks
    )
    assert bumps == 0


def test_an_import_bumps_the_version_once_however_many_rows_it_writes(
    directory_data: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    folder = export(tmp_path / "directory")
    Service.objects.filter(slug__in=["awel", "lumi"]).update(summary_en="Stale.")  # two services to write back
    bumps, changed = version_after(
        lambda: call_command("import_directory", folder, stdout=io.StringIO()), django_capture_on_commit_callbacks
    )
    assert Service.objects.filter(summary_en="Stale.").count() == 0
    assert (bumps, changed) == (1, True)


def test_a_failed_import_bumps_nothing(
    directory_data: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    folder = export(tmp_path / "directory")
    (folder / "services" / "zelfmoordlijn-1813.json").write_text("[]", encoding="utf-8")

    def fail() -> None:
        with pytest.raises(CommandError):
            call_command("import_directory", folder, stdout=io.StringIO())

    assert version_after(fail, django_capture_on_commit_callbacks) == (0, False)


def test_loaddata_bumps_the_version_and_records_a_history_baseline(
    empty_directory: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    fixture = tmp_path / "organisations.json"
    rows = [
        {"model": "directory.organisation", "pk": 7, "fields": {"name": "Loaded", "website": "", "description": ""}}
    ]
    fixture.write_text(json.dumps(rows), encoding="utf-8")

    bumps, changed = version_after(
        lambda: call_command("loaddata", fixture, verbosity=0), django_capture_on_commit_callbacks
    )

    assert (bumps, changed) == (1, True)
    loaded = Organisation.objects.get(name="Loaded")
    assert [record.history_change_reason for record in loaded.history.all()] == ["loaddata"]
