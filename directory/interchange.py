"""The directory as plain JSON files, and back: the seed in fixtures/directory/, a backup, a git diff.

Layout of a directory of files:

    topics.json              every topic, a list sorted by slug
    organisations.json       every organisation, a list sorted by name
    services/<slug>.json     one service, with its topic links, sources and channels nested;
                             each channel with its weekly opening hours and date exceptions

Rules that make the files deterministic and safe to edit by hand:

- No database ids. Rows are matched by natural keys (`PARTS` below): a topic and a service by
  slug, an organisation by name, a topic link by its topic, a source by URL and citation, a
  channel by its `position` within the service (a channel's value may change and two channels
  may share one, e.g. two website channels on the same site), a weekly slot by weekday and opening
  time, a date exception by its dates and opening time. Within one parent a key must be unique.
- The fields are read from the models: every concrete, editable field is written, so a field
  added to a model appears in the next export. Non-editable fields (`version`, `updated_at`) are
  the database's bookkeeping and stay out. Foreign keys are written as the natural key of their
  target; many-to-many fields without a model of their own (organisation editors: who may log in
  is account data, not directory data) stay out.
- Keys in model order, the natural key first and nested lists last; every list sorted by its key;
  times as HH:MM; UTF-8 as is, indent 2, a trailing newline.

Importing is one transaction: everything is validated (`full_clean`) and the first error names
the file, the row and the field, and nothing is written. Rows whose values do not change are not
saved, so they get no new history record; saved and deleted rows carry the history reason
"import". A service file is the whole truth about that service: its topic links, sources,
channels, hours and exceptions that the file does not list are deleted. Topics, organisations and
services that no file lists are left alone (the import never deletes a whole entry).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation
from simple_history.manager import HistoryManager

from directory.models import (
    Channel,
    HoursException,
    OpeningHours,
    Organisation,
    Service,
    ServiceTopic,
    Source,
    Topic,
    one_directory_change,
)

CHANGE_REASON = "import"
TOPICS_FILE = "topics.json"
ORGANISATIONS_FILE = "organisations.json"
SERVICES_FOLDER = "services"

Key = tuple[Any, ...]


@dataclasses.dataclass(frozen=True)
class Part:
    """One kind of row in the files: how it is matched, what encloses it, what it holds."""

    model: type[models.Model]
    key: tuple[str, ...]  # fields whose values are unique among the rows of one parent
    parent: str | None = None  # the foreign key to the enclosing row, implied by nesting
    children: tuple[tuple[str, Part], ...] = ()  # (list name in the file, part)

    def fields(self) -> list[models.Field[Any, Any]]:
        own = [
            field
            for field in self.model._meta.concrete_fields
            if field.editable and not field.primary_key and field.name != self.parent
        ]
        return sorted(own, key=lambda field: field.name not in self.key)  # stable: model order otherwise

    def accessor(self) -> str:
        """The name under which the parent reaches these rows (e.g. `channels`)."""
        assert self.parent
        return self.model._meta.get_field(self.parent).remote_field.get_accessor_name()  # type: ignore[union-attr]


TOPIC = Part(Topic, ("slug",))
ORGANISATION = Part(Organisation, ("name",))
CHANNEL = Part(
    Channel,
    ("position",),
    parent="service",
    children=(
        ("opening_hours", Part(OpeningHours, ("weekday", "opens"), parent="channel")),
        ("exceptions", Part(HoursException, ("first_day", "last_day", "opens"), parent="channel")),
    ),
)
SERVICE = Part(
    Service,
    ("slug",),
    children=(
        ("topics", Part(ServiceTopic, ("topic",), parent="service")),
        ("sources", Part(Source, ("url", "citation"), parent="service")),
        ("channels", CHANNEL),
    ),
)


class DirectoryFileError(Exception):
    """A file that cannot be imported; the message names the file, the row and the field."""


def natural_key_field(model: type[models.Model]) -> str:
    """The field that names a row of `model` in the files, for foreign keys pointing at it."""
    if model is get_user_model():
        return model.USERNAME_FIELD  # type: ignore[attr-defined, no-any-return]
    for part in (TOPIC, ORGANISATION, SERVICE):
        if part.model is model:
            return part.key[0]
    raise DirectoryFileError(f"No natural key is defined for {model.__name__}; add it to directory/interchange.py.")


class NaturalKeys:
    """Maps primary keys to natural keys and back, per target model, read once per run."""

    def __init__(self) -> None:
        self._by_model: dict[type[models.Model], dict[Any, Any]] = {}

    def _pairs(self, model: type[models.Model]) -> dict[Any, Any]:
        if model not in self._by_model:
            name = natural_key_field(model)
            self._by_model[model] = dict(model._default_manager.values_list("pk", name))
        return self._by_model[model]

    def name(self, model: type[models.Model], pk: Any) -> Any:
        return self._pairs(model)[pk]

    def pk(self, model: type[models.Model], name: Any) -> Any:
        return next((pk for pk, known in self._pairs(model).items() if known == name), None)

    def forget(self, model: type[models.Model]) -> None:
        self._by_model.pop(model, None)


def dump_value(field: models.Field[Any, Any], value: Any, keys: NaturalKeys) -> Any:
    if value is None:
        return None
    if field.is_relation:
        return keys.name(field.related_model, value)  # type: ignore[arg-type]
    if isinstance(value, time) and not value.second and not value.microsecond:
        return value.strftime("%H:%M")
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def dump_row(part: Part, row: models.Model, keys: NaturalKeys) -> dict[str, Any]:
    data = {field.name: dump_value(field, getattr(row, field.attname), keys) for field in part.fields()}
    for name, child in part.children:
        rows = getattr(row, child.accessor()).all()
        data[name] = [dump_row(child, each, keys) for each in sorted_rows(child, rows, keys)]
    return data


def sort_key(key: Key) -> Key:
    # Empty values first; comparing (False, None) with (True, value) never compares None with a value.
    return tuple((value is not None, value) for value in key)


def row_key(part: Part, row: models.Model, keys: NaturalKeys) -> Key:
    fields = {field.name: field for field in part.fields()}
    return tuple(dump_value(fields[name], getattr(row, fields[name].attname), keys) for name in part.key)


def sorted_rows(part: Part, rows: Iterable[models.Model], keys: NaturalKeys) -> list[models.Model]:
    return sorted(rows, key=lambda row: sort_key(row_key(part, row, keys)))


def render(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def prefetches(part: Part, prefix: str = "") -> list[str]:
    paths = []
    for _, child in part.children:
        path = f"{prefix}{child.accessor()}"
        paths.append(path)
        paths.extend(prefetches(child, f"{path}__"))
    return paths


def export_files() -> dict[str, str]:
    """The whole directory as {relative path: file text}."""
    keys = NaturalKeys()
    files = {
        TOPICS_FILE: render([dump_row(TOPIC, row, keys) for row in sorted_rows(TOPIC, Topic.objects.all(), keys)]),
        ORGANISATIONS_FILE: render(
            [dump_row(ORGANISATION, row, keys) for row in sorted_rows(ORGANISATION, Organisation.objects.all(), keys)]
        ),
    }
    for service in Service.objects.prefetch_related(*prefetches(SERVICE)):
        files[f"{SERVICES_FOLDER}/{service.slug}.json"] = render(dump_row(SERVICE, service, keys))
    return files


def export_directory(folder: Path) -> list[str]:
    """Writes the directory into `folder`, removing service files of services that no longer exist.
    Returns the relative paths written."""
    files = export_files()
    (folder / SERVICES_FOLDER).mkdir(parents=True, exist_ok=True)
    for stale in (folder / SERVICES_FOLDER).glob("*.json"):
        if f"{SERVICES_FOLDER}/{stale.name}" not in files:
            stale.unlink()
    for relative, text in files.items():
        (folder / relative).write_text(text, encoding="utf-8")
    return sorted(files)


@dataclasses.dataclass
class ImportReport:
    # per model's verbose name: how many rows were created, changed, left unchanged, deleted
    counts: dict[str, Counter[str]] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)
    not_in_files: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    baselines: int = 0  # rows that had no history record and got a first one

    def count(self, model: type[models.Model], outcome: str) -> None:
        self.counts.setdefault(str(model._meta.verbose_name_plural), Counter())[outcome] += 1

    def changed_anything(self) -> bool:
        return any(counter["created"] or counter["changed"] or counter["deleted"] for counter in self.counts.values())

    def lines(self) -> list[str]:
        lines = [
            f"{name}: {counter['created']} created, {counter['changed']} changed, "
            f"{counter['unchanged']} unchanged, {counter['deleted']} deleted"
            for name, counter in self.counts.items()
        ]
        lines += [f"left alone, not in the files: {name} {', '.join(rows)}" for name, rows in self.not_in_files.items()]
        if self.baselines:
            lines.append(f"history baseline recorded for {self.baselines} rows that had none")
        return lines + [f"warning: {warning}" for warning in self.warnings]


def read_json(path: Path, relative: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DirectoryFileError(f"{relative}: missing") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DirectoryFileError(f"{relative}: not valid JSON: {error}") from error


def describe_errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


class Importer:
    def __init__(self) -> None:
        self.keys = NaturalKeys()
        self.report = ImportReport()

    def load_value(self, field: models.Field[Any, Any], value: Any, where: str) -> Any:
        if value is None or not field.is_relation:
            try:
                return field.to_python(value)
            except ValidationError as error:
                raise DirectoryFileError(f"{where}: {field.name}: {describe_errors(error)}") from error
        target = field.related_model
        pk = self.keys.pk(target, value)  # type: ignore[arg-type]
        if pk is not None:
            return pk
        if target is get_user_model():
            # Accounts are not part of the files: a backup restored on another server may not know
            # the person who verified; the fact stays, the name is dropped, and the report says so.
            self.report.warnings.append(f"{where}: {field.name}: no user “{value}” here; left empty")
            return None
        raise DirectoryFileError(f"{where}: {field.name}: no {target._meta.verbose_name} “{value}”")  # type: ignore[union-attr]

    def entry_key(self, part: Part, entry: Any, where: str) -> Key:
        if not isinstance(entry, dict):
            raise DirectoryFileError(f"{where}: each row is a JSON object")
        fields = {field.name: field for field in part.fields()}
        missing = [name for name in part.key if name not in entry]
        if missing:
            raise DirectoryFileError(f"{where}: {', '.join(missing)} missing (the row's key)")
        return tuple(
            dump_value(fields[name], self.load_value(fields[name], entry[name], where), self.keys) for name in part.key
        )

    def sync_rows(
        self,
        part: Part,
        entries: Any,
        where: str,
        existing: Iterable[models.Model],
        parent: models.Model | None = None,
    ) -> None:
        """Creates, updates and (inside a parent) deletes rows until they are what `entries` says."""
        if not isinstance(entries, list):
            raise DirectoryFileError(f"{where}: a list of rows is expected")
        by_key = {row_key(part, row, self.keys): row for row in existing}
        keyed: list[tuple[Key, dict[str, Any], str]] = []
        for index, entry in enumerate(entries):
            key = self.entry_key(part, entry, f"{where}[{index}]")
            label = f"{where}[{', '.join(f'{name}={value}' for name, value in zip(part.key, key, strict=True))}]"
            if any(key == seen for seen, _, _ in keyed):
                raise DirectoryFileError(f"{label}: listed twice; the key must be unique here")
            keyed.append((key, entry, label))
        listed = {key for key, _, _ in keyed}
        leftovers = [row for key, row in by_key.items() if key not in listed]
        if parent is None:
            if leftovers:
                self.report.not_in_files[str(part.model._meta.verbose_name_plural)] = [str(row) for row in leftovers]
        else:
            for row in leftovers:
                row._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
                row.delete()
                self.report.count(part.model, "deleted")
        for key, entry, label in keyed:
            self.sync_row(part, entry, by_key.get(key), label, parent)

    def sync_row(
        self, part: Part, entry: dict[str, Any], row: models.Model | None, where: str, parent: models.Model | None
    ) -> None:
        fields = part.fields()
        unknown = sorted(set(entry) - {field.name for field in fields} - {name for name, _ in part.children})
        if unknown:
            raise DirectoryFileError(f"{where}: unknown field(s) {', '.join(unknown)}")
        created = row is None
        if row is None:
            row = part.model()
            if parent is not None and part.parent:
                setattr(row, part.parent, parent)
        before = {field.name: getattr(row, field.attname) for field in fields}
        for field in fields:
            if field.name in entry:
                setattr(row, field.attname, self.load_value(field, entry[field.name], where))
        changed = created or before != {field.name: getattr(row, field.attname) for field in fields}
        try:
            # The parent was just saved by this import, and the rows of one parent are unique by key
            # (checked above), so the parent's existence and the per-parent unique constraints need no
            # query. A row that does not change is already in the database under its constraints.
            row.full_clean(
                exclude=[part.parent] if part.parent else None, validate_unique=changed, validate_constraints=changed
            )
        except ValidationError as error:
            raise DirectoryFileError(f"{where}: {describe_errors(error)}") from error
        # clean() may normalise a value (e.g. strip a channel's address): compare after it.
        if created or before != {field.name: getattr(row, field.attname) for field in fields}:
            row._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            try:
                row.save()
            except IntegrityError as error:  # a database rule full_clean did not see; the import rolls back
                raise DirectoryFileError(f"{where}: {error}") from error
            self.report.count(part.model, "created" if created else "changed")
            self.keys.forget(part.model)
        else:
            self.report.count(part.model, "unchanged")
        for name, child in part.children:
            existing = getattr(row, child.accessor()).all() if not created else []
            self.sync_rows(child, entry.get(name, []), f"{where}.{name}", existing, parent=row)


def import_directory(folder: Path) -> ImportReport:
    """Loads the files in `folder` into the database in one transaction; raises DirectoryFileError
    (and writes nothing) on the first problem."""
    if not folder.is_dir():
        raise DirectoryFileError(f"{folder}: not a folder")
    topics = read_json(folder / TOPICS_FILE, TOPICS_FILE)
    organisations = read_json(folder / ORGANISATIONS_FILE, ORGANISATIONS_FILE)
    services = [
        (f"{SERVICES_FOLDER}/{path.name}", read_json(path, f"{SERVICES_FOLDER}/{path.name}"))
        for path in sorted((folder / SERVICES_FOLDER).glob("*.json"))
    ]
    importer = Importer()
    # One transaction, and one version bump when it commits: the snapshot rebuilds once, not per row.
    # The report and its validation messages are in English, the commands' language, whatever the
    # site's (the admin's model names and messages are Dutch by default).
    with translation.override("en"), transaction.atomic(), one_directory_change():
        importer.sync_rows(TOPIC, topics, TOPICS_FILE, Topic.objects.all())
        importer.sync_rows(ORGANISATION, organisations, ORGANISATIONS_FILE, Organisation.objects.all())
        existing = {service.slug: service for service in Service.objects.all()}
        for relative, entry in services:
            slug = Path(relative).stem
            if isinstance(entry, dict) and entry.get("slug") != slug:
                raise DirectoryFileError(f"{relative}: slug must be “{slug}”, the file's name")
            service = existing.pop(slug, None)
            importer.sync_rows(SERVICE, [entry], relative, [service] if service else [])
        if existing:
            importer.report.not_in_files["services"] = sorted(existing)
        importer.report.baselines = record_baselines(CHANGE_REASON)
    return importer.report


def record_baselines(reason: str) -> int:
    """Gives every directory row that has no history record a first one, so that its first state
    can be restored. Rows loaded raw (loaddata) or written in bulk have none. Returns how many."""
    recorded = 0
    for model in apps.get_app_config("directory").get_models():
        history = getattr(model, "history", None)
        if not isinstance(history, HistoryManager):  # a model without history, or a history model
            continue
        rows = list(model._default_manager.exclude(pk__in=history.values("id")))
        if rows:
            history.bulk_history_create(rows, default_change_reason=reason)
            recorded += len(rows)
    return recorded
