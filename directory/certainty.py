"""How sure the directory is about a channel's hours, in words people read.

Pure: standard library, the hours engine's codes and `Text`. The read API, the triage answer, the
page and the widget all say it in these words, so "not yet confirmed" means one thing everywhere.
"""

from __future__ import annotations

from directory import hours
from directory.entries import Text

# Short, per channel; shown next to hours that are not confirmed (`hours_uncertain_reason`).
UNCERTAIN_REASONS: dict[str, Text] = {
    hours.UNCERTAIN_HOLIDAY: Text(
        "Mogelijk gesloten op feestdagen",
        "Peut-être fermé les jours fériés",
        "May be closed on public holidays",
    ),
    hours.UNCERTAIN_VERIFICATION_EXPIRED: Text(
        "Te lang niet meer nagekeken bij de dienst zelf",
        "Pas revérifié auprès du service depuis trop longtemps",
        "Not checked with the service for too long",
    ),
    hours.UNCERTAIN_HISTORICAL: Text(
        "Oude openingsuren, niet opnieuw bevestigd",
        "Anciens horaires, pas reconfirmés",
        "Old opening hours, not confirmed again",
    ),
    hours.UNCERTAIN_SECONDARY: Text(
        "Openingsuren uit een onrechtstreekse bron, niet van de dienst zelf",
        "Horaires d'une source indirecte, pas du service lui-même",
        "Opening hours from an indirect source, not from the service itself",
    ),
    hours.UNCERTAIN_NO_OPENING: Text(
        "Geen opening bekend",
        "Aucune ouverture connue",
        "No opening known",
    ),
}


def uncertain_reason(code: str, language: str) -> str:
    """Why an answer is not confirmed (an hours.UNCERTAIN_* code), in `language`; "" for no code."""
    reason = UNCERTAIN_REASONS.get(code)
    return reason.get(language) if reason else ""
