"""Review of organisation editors' changes to the facts that decide where someone is sent.

The decision: an editor's change to a service's status, kind, time zone, age range or verification,
to a channel's kind, address (phone number, chat link, a walk-in place in any language), province or
public-holiday closing, and to any opening hours or date exception is stored as a ProposedChange;
the public keeps seeing the current values until a curator approves it. Plain texts (summaries,
descriptions, what to expect, labels, notes, sources, topics) go live directly: they are the
organisation's own words, and a wrong word does not send a child to a closed line or a wrong
number, while waiting for review would keep outdated words online. Curators' own changes are never reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import history
from directory.models import Channel, ProposedChange, Service

# The kind decides whether a service is suggested at all (information is never), the time zone when
# its hours fall; the others are named in the issue.
REVIEWED_SERVICE_FIELDS = (
    "status",
    "kind",
    "time_zone",
    "minimum_age",
    "maximum_age",
    "last_verified",
    "verification_method",
    "verification_note",
    "needs_verification",
)
# A walk-in place's address in French and English and its province are where someone goes (the
# province decides which place is suggested as nearby), as much as the address itself.
REVIEWED_CHANNEL_FIELDS = ("kind", "value", "value_fr", "value_en", "region", "public_holidays")
# A new channel is proposed with everything it needs to exist.
NEW_CHANNEL_FIELDS = (
    "kind",
    "value",
    "value_fr",
    "value_en",
    "region",
    "label",
    "label_fr",
    "label_en",
    "notes",
    "position",
    "public_holidays",
    "hours_note",
)


def held_back(obj: Service | Channel, fields: tuple[str, ...]) -> dict[str, Any]:
    """The reviewed fields where `obj` (about to be saved) differs from its row in the database,
    as JSON values; `obj` gets the database's values back, so saving it changes only the rest."""
    current = type(obj)._default_manager.get(pk=obj.pk)
    proposed = {}
    for name in fields:
        if getattr(obj, name) != getattr(current, name):
            proposed[name] = history.plain(getattr(obj, name))
            setattr(obj, name, getattr(current, name))
    return proposed


def propose(service: Service, channel: Channel | None, values: dict[str, Any], user: Any) -> ProposedChange:
    return ProposedChange.objects.create(service=service, channel=channel, values=values, proposed_by=user)


@dataclass(frozen=True)
class Described:
    fields: list[history.FieldChange]  # old: what the public sees now, new: what is proposed
    hours_gone: list[str]
    hours_came: list[str]


def describe(proposal: ProposedChange) -> Described:
    """What approving would change, against the values in force now."""
    target = target_of(proposal)
    fields = []
    for name, value in proposal.values.get("fields", {}).items():
        field = type(target)._meta.get_field(name)
        fields.append(
            history.FieldChange(
                name=name,
                field=str(field.verbose_name),
                old=history.readable(field, history.plain(getattr(target, name))) if target.pk else "–",
                new=history.readable(field, value),
            )
        )
    gone: list[str] = []
    came: list[str] = []
    if "opening_hours" in proposal.values or "exceptions" in proposal.values:
        before = history.current_hours(proposal.channel) if proposal.channel else history.Hours([], [])
        gone, came = history.hours_changes(before, proposed_hours(proposal, before))
    return Described(fields=fields, hours_gone=gone, hours_came=came)


def target_of(proposal: ProposedChange) -> Service | Channel:
    """What the proposal changes: its channel or its service, or a new channel not saved yet."""
    if is_new_channel(proposal):
        return Channel(service=proposal.service)
    return proposal.channel or proposal.service


def is_new_channel(proposal: ProposedChange) -> bool:
    return proposal.channel_id is None and proposal.values.get("new_channel", False)


def proposed_hours(proposal: ProposedChange, current: history.Hours) -> history.Hours:
    return history.Hours(
        weekly=proposal.values.get("opening_hours", current.weekly),
        exceptions=proposal.values.get("exceptions", current.exceptions),
    )


def approve(proposal: ProposedChange, curator: AbstractBaseUser, note: str) -> None:
    """Apply the proposal; its history records say it was approved, by whom it was proposed.

    Raises ValidationError (and changes nothing) when the proposed values are no longer valid.
    """
    reason = _("approved change #%(id)d proposed by %(editor)s") % {"id": proposal.pk, "editor": proposal.proposed_by}
    if note:
        reason = f"{reason}: {note}"
    reason = reason[: history.CHANGE_REASON_LENGTH]
    with transaction.atomic():
        proposal = still_pending(proposal)
        target = target_of(proposal)
        for name, value in proposal.values.get("fields", {}).items():
            setattr(target, name, type(target)._meta.get_field(name).to_python(value))
        target.full_clean()
        target._change_reason = reason
        # Saved also when only its hours change, so the version of the channel covers its hours.
        target.save()
        if isinstance(target, Channel) and ("opening_hours" in proposal.values or "exceptions" in proposal.values):
            history.replace_hours(target, proposed_hours(proposal, history.current_hours(target)), reason)
        if isinstance(target, Channel):
            proposal.channel = target  # a new channel exists from now on
        decide(proposal, ProposedChange.State.APPROVED, curator, note)


def reject(proposal: ProposedChange, curator: AbstractBaseUser, note: str) -> None:
    if not note.strip():
        raise ValidationError(_("Say why the change is rejected: the editor reads the note."))
    with transaction.atomic():
        decide(still_pending(proposal), ProposedChange.State.REJECTED, curator, note)


def still_pending(proposal: ProposedChange) -> ProposedChange:
    """The proposal read again under a lock, so two curators cannot both decide it."""
    locked = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if locked.state != ProposedChange.State.PENDING:
        raise ValidationError(_("This change was already decided."))
    return locked


def decide(proposal: ProposedChange, state: str, curator: AbstractBaseUser, note: str) -> None:
    proposal.state = state
    proposal.decided_by = curator
    proposal.decided_at = timezone.now()
    proposal.curator_note = note
    proposal.save()
