"""Chinese text utilities: pinyin initials for search (`ylc` finds 杨磊成)."""

from pypinyin import Style, lazy_pinyin


def pinyin_initials(text: str) -> str:
    """Lower-case first letters of each character's pinyin; non-Han letters and digits are kept as they are."""
    initials = lazy_pinyin(text or "", style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    return "".join(part[:1] for part in initials if part[:1].isalnum()).lower()


def pinyin_full(text: str) -> str:
    """Toneless full pinyin without spaces (`yangleicheng`), for search by spelling."""
    return "".join(lazy_pinyin(text or "", errors=lambda chars: list(chars))).lower()
