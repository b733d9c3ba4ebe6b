"""Chinese text utilities."""

from hypothesis import given
from hypothesis import strategies as st

from qunying.core.text import pinyin_full, pinyin_initials


def test_pinyin_initials_of_a_name():
    assert pinyin_initials("杨磊成") == "ylc"


def test_pinyin_keeps_latin_letters_and_digits():
    assert pinyin_initials("张A3") == "za3"
    assert pinyin_full("杨磊成") == "yangleicheng"


def test_pinyin_of_empty_text_is_empty():
    assert pinyin_initials("") == "" == pinyin_full("")


@given(st.text(max_size=30))
def test_pinyin_initials_are_lowercase_alphanumeric_and_never_longer_than_the_text(text):
    initials = pinyin_initials(text)

    assert len(initials) <= len(text)
    assert initials == initials.lower()
    assert all(ch.isalnum() for ch in initials)
