"""`{% emergency_lines as lines %}`: the "right now" numbers in the active language (referral/emergency.py)."""

from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.translation import gettext

from referral.emergency import emergency_lines as lines_for

register = template.Library()


@register.simple_tag
def emergency_lines() -> list[dict[str, str]]:
    """Each line's number, link, accessible name and text, the text saying "(in Dutch)" to a reader
    who does not read Dutch when the line answers only in Dutch."""
    language = (translation.get_language() or "")[:2]
    return [
        {
            "number": line.number,
            "href": line.href,
            "call": str(line.call),
            "text": f"{line.text} {gettext('(in Dutch)')}" if line.dutch_only and language != "nl" else str(line.text),
        }
        for line in lines_for(language)
    ]
