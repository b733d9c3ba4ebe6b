"""GB 11643 identity numbers: checksum, embedded birth date and gender, masking."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from qunying.org.idcard import check_char, mask_id_number, mask_phone, parse_id_number
from tests.factories import valid_id_number


def test_parse_reads_birth_date_and_gender():
    parsed = parse_id_number(valid_id_number("19900307", 123))

    assert parsed.birth_date == datetime.date(1990, 3, 7)
    assert parsed.is_male is True


def test_parse_accepts_lower_case_x_and_spaces():
    first17 = "11010519491231002"
    assert check_char(first17) == "X"

    assert parse_id_number(f" {first17}x ").value == f"{first17}X"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("34018119900307123", "format"),
        ("3401811990030712A5", "format"),
        ("340181199002301234", "birth"),
    ],
)
def test_parse_rejects_malformed_numbers(raw, code):
    with pytest.raises(ValidationError) as error:
        parse_id_number(raw)

    assert error.value.code == code


def test_parse_rejects_a_wrong_check_digit():
    number = valid_id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")

    with pytest.raises(ValidationError) as error:
        parse_id_number(wrong)
    assert error.value.code == "checksum"


@given(st.from_regex(r"\A[0-9]{6}(19[5-9][0-9]|200[0-5])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}\Z"))
def test_every_number_with_its_check_digit_parses_and_any_other_digit_fails(first17):
    valid = first17 + check_char(first17)
    assert parse_id_number(valid).value == valid

    for other in "0123456789X":
        if other != valid[17]:
            with pytest.raises(ValidationError):
                parse_id_number(first17 + other)


def test_masks_keep_only_prefix_and_suffix():
    assert mask_id_number("340181199003071234") == "3401**********1234"
    assert mask_phone("13812345678") == "138****5678"
