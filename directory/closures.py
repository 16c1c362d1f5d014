"""Closing many channels for the same dates in one action: a holiday, a strike, a move.

One date exception per channel, all in one transaction (all or none) and one directory change, each
in the channel's history with the closure's reason. A curator's closure goes live at once; an
organisation editor's waits for review like any change of hours (directory/review.py): one proposal
per channel, holding the channel's exceptions with the new one added.

A channel that already has an exception on exactly the same dates is left alone and named: the two
rows would merge into one exception (docs/data.md), and which should win is the curator's call on
the channel's own page. An exception on fewer dates inside the range still wins on its own dates
(a special day inside a closed week), as everywhere in the hours engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from directory import history, review
from directory.models import Channel, HoursException, one_directory_change


@dataclass(frozen=True)
class Outcome:
    applied: list[Channel] = field(default_factory=list)
    proposed: list[Channel] = field(default_factory=list)
    skipped: list[Channel] = field(default_factory=list)  # already an exception on exactly these dates


def close(exception: HoursException, channels: Iterable[Channel], user: Any, *, through_review: bool) -> Outcome:
    """Give each channel a copy of `exception` (validated, its channel not set), or propose it."""
    row = history.row_values(exception, history.EXCEPTION_FIELDS)
    when = row["first_day"] if row["first_day"] == row["last_day"] else f"{row['first_day']} – {row['last_day']}"
    reason = _("closure %(dates)s: %(reason)s") % {"dates": when, "reason": exception.reason}
    reason = reason[: history.CHANGE_REASON_LENGTH]
    outcome = Outcome()
    with transaction.atomic(), one_directory_change():
        locked = Channel.objects.select_related("service").select_for_update(of=("self",))
        for channel in locked.filter(pk__in=[c.pk for c in channels]).order_by("pk"):
            if channel.exceptions.filter(first_day=exception.first_day, last_day=exception.last_day).exists():
                outcome.skipped.append(channel)
            elif through_review:
                wanted = [*history.current_hours(channel).exceptions, row]
                review.propose(channel.service, channel, {"exceptions": wanted}, user)
                outcome.proposed.append(channel)
            else:
                # The channel's own version moves too: a page opened before the closure is stale now.
                channel._change_reason = reason
                channel.save()
                copy = HoursException(channel=channel, **{name: getattr(exception, name) for name in row})
                copy._change_reason = reason
                copy.save()
                outcome.applied.append(channel)
    return outcome
