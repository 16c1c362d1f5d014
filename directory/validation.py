"""Checks on what curators type: channel addresses by kind.

Phone numbers go through `phonenumbers` for Belgium. Short numbers (102, 106, 1712, 1813, 112,
116000) are stored as their digits and dialled as such: their E.164 form (+321813) cannot be
dialled, so we never produce it.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

REGION = "BE"


def normalise_phone(raw: str) -> str:
    """Digits of a short number, or the E.164 form of a full one; ValidationError if neither."""
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    try:
        number = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _(
                "“%(value)s” is not a phone number: %(reason)s. "
                "Type it as on the service's site, e.g. 1813 or 078 15 10 20."
            ),
            params={"value": raw, "reason": error},
            code="invalid_phone",
        ) from error
    if not digits.startswith("+") and phonenumbers.is_valid_short_number_for_region(number, REGION):
        return digits
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValidationError(
        _(
            "“%(value)s” is not a valid Belgian phone number "
            "or short number (such as 102, 106, 1712, 1813, 112 or 116000)."
        ),
        params={"value": raw},
        code="invalid_phone",
    )


def phone_href(raw: str) -> str:
    """A dialable link: tel:1813 for a short number, tel:+3278151020 for a full one."""
    return f"tel:{normalise_phone(raw)}"


def validate_url(value: str) -> None:
    URLValidator(schemes=["http", "https"], message=_("Enter a full web address starting with https://."))(value)


def validate_email(value: str) -> None:
    EmailValidator(message=_("Enter an e-mail address such as brievenbus@awel.be."))(value)
