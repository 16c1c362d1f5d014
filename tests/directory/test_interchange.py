"""export_directory / import_directory / seed_directory: the directory as files and back."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import DjangoDbBlocker

from directory.interchange import SERVICE, export_files
from directory.models import Channel, OpeningHours, Organisation, Service, ServiceTopic, Source, Topic


def export(folder: Path) -> dict[str, bytes]:
    call_command("export_directory", folder, stdout=io.StringIO())
    return contents(folder)


def contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def import_(folder: Path) -> str:
    out = io.StringIO()
    call_command("import_directory", folder, stdout=out)
    return out.getvalue()


def history_rows() -> int:
    models = [Organisation, Service, ServiceTopic, Source, Channel, OpeningHours]
    return sum(model.history.count() for model in models)  # type: ignore[attr-defined]


def edit_file(folder: Path, name: str, change: Any) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def exported_once(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The real directory, exported once for the module: every test starts from the same committed
    directory, so each export gave the same files."""
    folder = tmp_path_factory.mktemp("exported") / "directory"
    with django_db_blocker.unblock():
        export(folder)
    return folder


@pytest.fixture
def exported(directory_data: None, tmp_path: Path, exported_once: Path) -> Path:
    """The real directory, exported into a folder the test may change (a copy of the module's export)."""
    folder = tmp_path / "directory"
    shutil.copytree(exported_once, folder)
    return folder


def test_export_import_into_an_empty_database_export_again_is_byte_identical(
    exported: Path, tmp_path: Path, empty_directory: None
) -> None:
    first = contents(exported)  # exported before the directory was emptied
    assert Service.objects.count() == 0
    output = import_(exported)
    assert "services: 29 created" in output
    assert export(tmp_path / "again") == first


def test_the_files_are_sorted_readable_json_without_database_ids(exported: Path) -> None:
    text = (exported / "services" / "awel.json").read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert "Opgeleide vrijwilligers" in text  # UTF-8 as is, not \\u escapes
    awel = json.loads(text)
    assert "id" not in awel
    assert "version" not in awel  # bookkeeping, not data
    assert awel["organisation"] == "Awel vzw"
    phone = next(channel for channel in awel["channels"] if channel["kind"] == "phone")
    assert set(phone) >= {"position", "value", "opening_hours", "exceptions"}
    assert "id" not in phone
    assert "channel" not in phone["opening_hours"][0]
    assert phone["opening_hours"][0]["opens"] == "16:00"
    slots = [(slot["weekday"], slot["opens"]) for slot in phone["opening_hours"]]
    assert slots == sorted(slots)
    positions = [channel["position"] for channel in awel["channels"]]
    assert positions == sorted(positions)
    topics = json.loads((exported / "topics.json").read_text(encoding="utf-8"))
    assert [topic["slug"] for topic in topics] == sorted(topic["slug"] for topic in topics)


def test_every_editable_model_field_is_in_the_export_without_a_hand_written_list(exported: Path) -> None:
    awel = json.loads((exported / "services" / "awel.json").read_text(encoding="utf-8"))
    editable = {field.name for field in Service._meta.concrete_fields if field.editable and not field.primary_key}
    assert set(awel) == editable | {name for name, _ in SERVICE.children}


def test_importing_the_same_files_again_changes_nothing_and_writes_no_history(exported: Path) -> None:
    before = history_rows()
    output = import_(exported)
    assert "services: 0 created, 0 changed, 29 unchanged, 0 deleted" in output
    assert "channels: 0 created, 0 changed, 62 unchanged, 0 deleted" in output
    assert history_rows() == before


def test_an_import_updates_changed_rows_in_place_and_notes_it_in_their_history(exported: Path) -> None:
    awel = Service.objects.get(slug="awel")
    phone = awel.channels.get(kind=Channel.Kind.PHONE)
    tele_onthaal_history = Service.history.filter(slug="tele-onthaal").count()

    def change(data: dict[str, Any]) -> None:
        data["summary_en"] = "Changed by a curator in git."
        next(channel for channel in data["channels"] if channel["kind"] == "phone")["notes"] = "New note."

    edit_file(exported, "services/awel.json", change)
    output = import_(exported)

    assert "services: 0 created, 1 changed, 28 unchanged" in output
    assert "channels: 0 created, 1 changed, 61 unchanged" in output
    awel.refresh_from_db()
    phone.refresh_from_db()
    assert (awel.summary_en, phone.notes) == ("Changed by a curator in git.", "New note.")
    assert phone.pk == Channel.objects.get(service=awel, kind=Channel.Kind.PHONE).pk  # updated, not replaced
    assert awel.history.latest().history_change_reason == "import"
    assert Service.history.filter(slug="tele-onthaal").count() == tele_onthaal_history


def test_rows_a_service_file_no_longer_lists_are_deleted_and_new_ones_created(exported: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        phone = next(channel for channel in data["channels"] if channel["kind"] == "phone")
        monday = next(slot for slot in phone["opening_hours"] if slot["weekday"] == 0)
        phone["opening_hours"].remove(monday)
        phone["exceptions"].append(
            {"first_day": "2026-12-25", "last_day": "2026-12-26", "opens": None, "closes": None, "reason": "Kerst"}
        )

    edit_file(exported, "services/awel.json", change)
    output = import_(exported)

    assert "weekly opening hours: 0 created, 0 changed, 206 unchanged, 1 deleted" in output
    assert "date exceptions: 1 created" in output
    phone = Channel.objects.get(service__slug="awel", kind=Channel.Kind.PHONE)
    assert not phone.opening_hours.filter(weekday=0).exists()
    assert phone.exceptions.get().reason == "Kerst"


def test_services_no_file_lists_are_left_alone(exported: Path) -> None:
    (exported / "services" / "lumi.json").unlink()
    output = import_(exported)
    assert Service.objects.filter(slug="lumi").exists()
    assert "left alone, not in the files: services lumi" in output


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        pytest.param(
            "services/awel.json",
            lambda data: data["channels"][0].update(value="not a number"),
            "services/awel.json",
            id="invalid-phone",
        ),
        pytest.param(
            "services/awel.json",
            lambda data: data.update(minimum_age=30, maximum_age=20),
            "minimum age cannot be above the maximum age",
            id="constraint",
        ),
        pytest.param(
            "services/awel.json",
            lambda data: data["channels"][0]["exceptions"].append(
                {"first_day": "2026-12-25", "last_day": "2026-12-25", "opens": "10:00", "closes": None}
            ),
            "opening and a closing time",
            id="half-an-exception",
        ),
        pytest.param(
            "services/awel.json", lambda data: data.update(summery_nl="typo"), "unknown field(s) summery_nl", id="typo"
        ),
        pytest.param(
            "services/awel.json",
            lambda data: data["channels"].append(dict(data["channels"][0])),
            "listed twice",
            id="duplicate-position",
        ),
        pytest.param(
            "services/awel.json", lambda data: data.update(organisation="Nobody"), "no organisation “Nobody”", id="fk"
        ),
        pytest.param(
            "services/awel.json", lambda data: data.update(last_verified="yesterday"), "last_verified", id="date"
        ),
        pytest.param(
            "services/awel.json", lambda data: data.update(slug="awel-2"), "slug must be “awel”", id="slug-not-name"
        ),
    ],
)
def test_an_invalid_file_names_the_problem_and_nothing_is_written(
    exported: Path, name: str, change: Any, message: str
) -> None:
    # A valid change in a file read earlier must be rolled back with the rest.
    edit_file(exported, "topics.json", lambda topics: topics[0].update(description="Should not be saved."))
    edit_file(exported, name, change)
    before = history_rows()
    with pytest.raises(CommandError, match="Nothing imported") as error:
        import_(exported)
    assert message in str(error.value)
    assert not Topic.objects.filter(description="Should not be saved.").exists()
    assert history_rows() == before


def test_a_file_that_is_not_json_is_named(exported: Path) -> None:
    (exported / "services" / "awel.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape("services/awel.json: not valid JSON")):
        import_(exported)


def test_a_verifier_unknown_here_is_left_empty_with_a_warning(exported: Path) -> None:
    edit_file(exported, "services/awel.json", lambda data: data.update(verified_by="someone-elsewhere"))
    output = import_(exported)
    assert "warning: services/awel.json" in output
    assert "no user “someone-elsewhere” here" in output
    assert Service.objects.get(slug="awel").verified_by is None


def test_a_known_verifier_round_trips_by_user_name(exported: Path) -> None:
    curator = get_user_model().objects.create_user("curator-an")
    edit_file(exported, "services/awel.json", lambda data: data.update(verified_by="curator-an"))
    import_(exported)
    assert Service.objects.get(slug="awel").verified_by == curator
    assert json.loads(export_files()["services/awel.json"])["verified_by"] == "curator-an"


def test_seed_fills_an_empty_database(empty_directory: None) -> None:
    out = io.StringIO()
    call_command("seed_directory", stdout=out)
    assert Service.objects.count() == 29
    assert "services: 29 created" in out.getvalue()


def test_seeding_again_keeps_a_curators_edit(directory_data: None) -> None:
    awel = Service.objects.get(slug="awel")
    awel.summary_nl = "Door een curator aangepast."
    awel.save()
    slot = OpeningHours.objects.filter(channel__service=awel).first()
    assert slot
    slot.closes = time(23)
    slot.save()

    out = io.StringIO()
    call_command("seed_directory", stdout=out)

    assert "kept them, nothing loaded" in out.getvalue()
    assert Service.objects.get(slug="awel").summary_nl == "Door een curator aangepast."
    slot.refresh_from_db()
    assert slot.closes == time(23)


def test_an_import_gives_rows_without_history_a_baseline_and_no_more(exported: Path) -> None:
    # Rows loaded raw or written in bulk have no history: their first state could never be restored.
    Service.history.all().delete()
    Channel.history.filter(service__slug="awel").delete()  # type: ignore[attr-defined]

    output = import_(exported)

    assert "services: 0 created, 0 changed, 29 unchanged" in output
    awel_channels = Channel.objects.filter(service__slug="awel").count()
    assert f"history baseline recorded for {29 + awel_channels} rows that had none" in output
    for service in Service.objects.all():
        assert [record.history_change_reason for record in service.history.all()] == ["import"]
    assert "history baseline" not in import_(exported)  # the second time, every row has one


def test_every_row_has_history_after_importing_into_an_empty_database(exported: Path, empty_directory: None) -> None:
    # Two services (with every kind of row) are enough for the rule; the whole directory's round
    # trip is test_export_import_into_an_empty_database_export_again_is_byte_identical.
    for path in (exported / "services").glob("*.json"):
        if path.stem not in {"awel", "tele-onthaal"}:
            path.unlink()
    import_(exported)
    assert Service.objects.count() == 2
    for model in (Organisation, Service, ServiceTopic, Source, Channel, OpeningHours):
        with_history = set(model.history.values_list("id", flat=True))  # type: ignore[attr-defined]
        assert set(model.objects.values_list("pk", flat=True)) <= with_history, model.__name__
