"""Chinese mobile numbers: the one parser every sign-up goes through, and the mask staff see.

libphonenumber (Google's, via `phonenumberslite`) knows which number ranges
are mobile in China and keeps that list current; it also reads what
residents type: spaces, dashes, +86 or 0086, full-width digits. Letters are
refused first: libphonenumber would read "138ABCD5678" as a keypad number.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

# What may stand in a typed number besides digits (after NFKC: full-width becomes ASCII).
_TYPED = re.compile(r"[0-9+\-() ]{11,20}", re.ASCII)


def parse_mobile(text: str) -> str | None:
    """The 11-digit national number of a valid Chinese mobile number; None for anything else."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if not _TYPED.fullmatch(typed):
        return None
    try:
        number = phonenumbers.parse(typed, "CN")
    except NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) != PhoneNumberType.MOBILE:
        return None
    national = str(number.national_number)
    return national if len(national) == 11 else None


def mask_mobile(mobile: str) -> str:
    """138****5678: enough for staff to tell residents apart, not to call them."""
    return f"{mobile[:3]}****{mobile[-4:]}"
