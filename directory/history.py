"""Versions of directory data: a channel's hours as they were at one of its versions, putting a set
of hours back, and what changed between two versions.

simple-history keeps the channel and each of its hours rows in separate tables, so "the channel as
it was" is its historical record plus the hours rows in force while that record was the newest one:
from the record's date up to the next record of the channel. The admin saves a channel first and
its hours rows after it, in the same request, so the rows written with a version belong to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from directory.models import Channel, Confidence, HoursException, OpeningHours

HOURS_FIELDS = ("weekday", "opens", "closes", "confidence", "source")
EXCEPTION_FIELDS = ("first_day", "last_day", "opens", "closes", "reason")
CHANGE_REASON_LENGTH = 100  # django-simple-history's history_change_reason

# Rows as plain JSON values (times and dates as ISO text): proposals store them, revert compares them.
Row = dict[str, Any]


@dataclass(frozen=True)
class Hours:
    weekly: list[Row]
    exceptions: list[Row]


def row_values(row: models.Model, fields: tuple[str, ...]) -> Row:
    return {name: plain(getattr(row, name)) for name in fields}


def plain(value: object) -> object:
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def current_hours(channel: Channel) -> Hours:
    return Hours(
        weekly=[row_values(row, HOURS_FIELDS) for row in channel.opening_hours.all()],
        exceptions=[row_values(row, EXCEPTION_FIELDS) for row in channel.exceptions.all()],
    )


def hours_of_forms(formsets: list[Any]) -> Hours:
    """The rows a channel page's hours formsets would leave, from their cleaned forms."""
    rows: dict[type, list[Row]] = {OpeningHours: [], HoursException: []}
    for formset in formsets:
        fields = HOURS_FIELDS if formset.model is OpeningHours else EXCEPTION_FIELDS
        for form in formset.forms:
            # An untouched extra form has no cleaned data; a form marked for deletion leaves nothing.
            if form.cleaned_data and not formset._should_delete_form(form):
                rows[formset.model].append({name: plain(form.cleaned_data.get(name)) for name in fields})
    return Hours(weekly=rows[OpeningHours], exceptions=rows[HoursException])


def same_rows(first: list[Row], second: list[Row]) -> bool:
    """The same rows, in any order."""
    return sorted(map(canonical, first)) == sorted(map(canonical, second))


def canonical(row: Row) -> str:
    return json.dumps(row, sort_keys=True)


def end_of_version(record: Any) -> datetime:
    """The last moment at which this historical record of a channel was its newest version."""
    newer = type(record).objects.filter(id=record.id, history_date__gt=record.history_date).order_by("history_date")
    following = newer.values_list("history_date", flat=True).first()
    return following - timedelta(microseconds=1) if following else timezone.now()


def hours_at(channel_id: int, moment: datetime) -> Hours:
    """The weekly hours and date exceptions a channel had at `moment`, from their own histories."""
    weekly = OpeningHours.history.as_of(moment).filter(channel_id=channel_id).order_by("weekday", "opens")
    exceptions = HoursException.history.as_of(moment).filter(channel_id=channel_id).order_by("first_day", "opens")
    return Hours(
        weekly=[row_values(row, HOURS_FIELDS) for row in weekly],
        exceptions=[row_values(row, EXCEPTION_FIELDS) for row in exceptions],
    )


def replace_hours(channel: Channel, wanted: Hours, reason: str) -> bool:
    """Make the channel's rows exactly `wanted`; rows that stay the same are left alone so their
    history does not fill with no-op changes. Returns whether anything changed."""
    changed = False
    for model, related, rows, fields in (
        (OpeningHours, channel.opening_hours, wanted.weekly, HOURS_FIELDS),
        (HoursException, channel.exceptions, wanted.exceptions, EXCEPTION_FIELDS),
    ):
        missing = [dict(row) for row in rows]
        # Rows that go are deleted before new ones are made, so a slot moving to where another
        # was never trips the one-slot-per-opening-time constraint halfway.
        for existing in list(related.all()):
            values = row_values(existing, fields)
            if values in missing:
                missing.remove(values)
            else:
                existing._change_reason = reason
                existing.delete()
                changed = True
        for values in missing:
            row = model(
                channel=channel, **{name: model._meta.get_field(name).to_python(v) for name, v in values.items()}
            )
            row.full_clean(exclude=["channel"])
            row._change_reason = reason
            row.save()
            changed = True
    return changed


@dataclass(frozen=True)
class FieldChange:
    name: str
    field: str  # its label
    old: object
    new: object


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    """Each field that differs between two historical records of one object, with readable values."""
    model = old.instance_type
    changes = []
    for change in new.diff_against(old, foreign_keys_are_objs=True).changes:
        field = model._meta.get_field(change.field)
        changes.append(
            FieldChange(
                name=change.field,
                field=str(field.verbose_name),
                old=readable(field, change.old),
                new=readable(field, change.new),
            )
        )
    return changes


def readable(field: models.Field, value: object) -> object:
    if value is None or value == "":
        return "–"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def hours_changes(before: Hours, after: Hours) -> tuple[list[str], list[str]]:
    """Rows that went and rows that came between two sets of hours, as readable lines."""
    gone = [
        describe_row(row) for row in before.weekly + before.exceptions if row not in after.weekly + after.exceptions
    ]
    came = [
        describe_row(row) for row in after.weekly + after.exceptions if row not in before.weekly + before.exceptions
    ]
    return gone, came


def describe_row(row: Row) -> str:
    times = f"{row['opens']}–{row['closes']}" if row.get("opens") else gettext("closed")
    if "weekday" in row:
        confidence = (
            Confidence(row["confidence"]).label if row["confidence"] in Confidence.values else row["confidence"]
        )
        return f"{OpeningHours.Weekday(row['weekday']).label} {times} ({confidence})"
    when = row["first_day"] if row["first_day"] == row["last_day"] else f"{row['first_day']} – {row['last_day']}"
    reason = f" ({row['reason']})" if row.get("reason") else ""
    return f"{when}: {times}{reason}"
