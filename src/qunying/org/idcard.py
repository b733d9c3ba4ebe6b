"""Resident identity numbers (GB 11643-1999): checksum, embedded birth date and gender, masking."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: datetime.date
    is_male: bool


def normalise(raw: str) -> str:
    return (raw or "").strip().upper().replace(" ", "")


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True)) % 11]


def parse_id_number(raw: str) -> IdNumber:
    """The normalised number with its birth date and gender, or a ValidationError saying what is wrong."""
    value = normalise(raw)
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a final digit or X."), code="format")
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The birth date inside the ID number is not a real date."), code="birth") from None
    if check_char(value[:17]) != value[17]:
        raise ValidationError(_("The ID number's check digit is wrong; please check the number."), code="checksum")
    return IdNumber(value=value, birth_date=birth, is_male=int(value[16]) % 2 == 1)


def mask_id_number(value: str) -> str:
    """3401**********1234: region prefix and last four only."""
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}" if len(value) > 8 else "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678."""
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 8 else "*" * len(value)
