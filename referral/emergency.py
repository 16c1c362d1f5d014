"""The "right now" numbers every page, snippet and outage page shows first, in the reader's language.

112 for everyone, then day-and-night lines that speak the reader's language (docs/language.md): the
Zelfmoordlijn 1813 and Tele-Onthaal 106 in Dutch; the Centre de Prévention du Suicide and
Télé-Accueil 107 in French; the CHS Helpline in English, then the Dutch lines marked "(in Dutch)".
Every number is a published phone open day and night in the directory (tests/referral/test_language.py),
and the widget carries the same lists built in (tests/referral/test_answer.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from directory.entries import DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class EmergencyLine:
    number: str  # as shown
    href: str
    call: Promise  # the link's accessible name: "Call Zelfmoordlijn 1813"
    text: Promise
    dutch_only: bool = False  # said "(in Dutch)" to anyone who does not read Dutch


EMERGENCY = EmergencyLine("112", "tel:112", _("Call 112"), _("emergency number: ambulance, fire and police"))
ZELFMOORDLIJN = EmergencyLine(
    "1813", "tel:1813", _("Call Zelfmoordlijn 1813"), _("Zelfmoordlijn: day and night, free and anonymous"), True
)
TELE_ONTHAAL = EmergencyLine(
    "106", "tel:106", _("Call Tele-Onthaal 106"), _("Tele-Onthaal: day and night, free and anonymous"), True
)
CPS = EmergencyLine(
    "0800 32 123",
    "tel:+3280032123",
    _("Call the Centre de Prévention du Suicide on 0800 32 123"),
    _("Centre de Prévention du Suicide: day and night, free and anonymous"),
)
TELE_ACCUEIL = EmergencyLine(
    "107",
    "tel:107",
    _("Call Télé-Accueil 107"),
    _("Télé-Accueil: someone to talk to, day and night, free and anonymous"),
)
CHS_HELPLINE = EmergencyLine(
    "02 648 40 14",
    "tel:+3226484014",
    _("Call the CHS Helpline on 02 648 40 14"),
    _("CHS Helpline: someone to talk to in English, day and night, free"),
)

EMERGENCY_LINES: dict[str, tuple[EmergencyLine, ...]] = {
    "nl": (EMERGENCY, ZELFMOORDLIJN, TELE_ONTHAAL),
    "fr": (EMERGENCY, CPS, TELE_ACCUEIL),
    "en": (EMERGENCY, CHS_HELPLINE, ZELFMOORDLIJN, TELE_ONTHAAL),
}


def emergency_lines(language: str) -> tuple[EmergencyLine, ...]:
    return EMERGENCY_LINES.get(language[:2], EMERGENCY_LINES[DEFAULT_LANGUAGE])
