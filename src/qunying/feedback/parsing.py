"""Reading a citizen's SMS reply: 1/2/3 (also full-width or circled), 满意/基本满意/不满意, extra text as a comment.

Anything unclear is left unrated, to be coded by hand: a wrong guess would be worse than a question.
"""

import re
import unicodedata
from dataclasses import dataclass

from qunying.feedback.enums import Rating

MAX_TEXT = 1000  # characters kept of a reply; SMS replies are short, and a long one is kept only to this length

DIGITS = {"1": Rating.SATISFIED, "2": Rating.BASICALLY_SATISFIED, "3": Rating.DISSATISFIED}
# Separators between a leading rating and the comment after it: 1，态度很好 / 1.态度很好 / 1 态度很好.
SEPARATORS = " \t\r\n,.;:!?/\\-_~、，。；：！？·…()（）[]【】<>《》\"'“”‘’"
# "满意" preceded by one of these reads as dissatisfied (不满意, 不太满意, 很不满意, 不是很满意, 没有满意 …).
NEGATIONS = ("不太", "不很", "不是很", "不是", "不怎么", "不大", "不", "没有", "没")
BASIC = ("基本", "比较", "还算", "一般", "还行")
KEYWORD = "满意"
DIGIT_RUN = re.compile(r"\d")


@dataclass(frozen=True)
class ParsedReply:
    rating: str  # a Rating value, or "" when the text needs manual coding
    comment: str


def normalise(text: str) -> str:
    """NFKC folds full-width digits and letters (１ → 1) and circled digits (① → 1); spaces are collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf"} or ch in "\n\t")
    return " ".join(text.split())[:MAX_TEXT]


def parse_reply(text: str) -> ParsedReply:
    """The rating a reply gives and the comment around it; rating "" when it cannot be read with confidence."""
    clean = normalise(text)
    if not clean:
        return ParsedReply("", "")
    by_digit = _leading_digit(clean)
    if by_digit is not None:
        return by_digit
    return _by_words(clean)


def _leading_digit(clean: str) -> ParsedReply | None:
    """`1`, `1 态度好`, `3。太慢了`: one leading 1/2/3 (not `12`, not `1.5`); None when the text starts otherwise."""
    first = clean[0]
    if not first.isdigit():
        return None
    rest = clean[1:]
    if first not in DIGITS or (rest and (rest[0].isdigit() or (rest[0] in ".," and rest[1:2].isdigit()))):
        return ParsedReply("", clean)  # a number, a date, a phone …: someone must read it
    comment = rest.strip(SEPARATORS)
    # "1 不满意" or "3 满意" contradict themselves: a person decides.
    words = _by_words(comment) if KEYWORD in comment else None
    if words is not None and words.rating and words.rating != DIGITS[first]:
        return ParsedReply("", clean)
    return ParsedReply(DIGITS[first], comment)


def _by_words(clean: str) -> ParsedReply:
    """Every 满意 in the text is read with the words before it; they must all agree (不满意 contains 满意)."""
    found = set()
    start = 0
    while (position := clean.find(KEYWORD, start)) != -1:
        found.add(_reading(clean[:position]))
        start = position + len(KEYWORD)
    if len(found) != 1:
        return ParsedReply("", clean)
    rating = found.pop()
    # The comment is what follows a leading verdict (满意，谢谢 → 谢谢), or the whole text when it is a sentence.
    for prefix in _verdicts(rating):
        if clean.startswith(prefix):
            return ParsedReply(rating, clean[len(prefix) :].strip(SEPARATORS))
    return ParsedReply(rating, clean)


def _reading(before: str) -> str:
    """The verdict of one 满意 from the words just before it; intensifiers (很, 非常 …) do not change it."""
    stripped = before.rstrip(" 很非常十分特别挺都")
    if before.endswith(NEGATIONS) or stripped.endswith(NEGATIONS):
        return Rating.DISSATISFIED
    if before.endswith(BASIC) or stripped.endswith(BASIC):
        return Rating.BASICALLY_SATISFIED
    return Rating.SATISFIED


def _verdicts(rating: str) -> tuple[str, ...]:
    if rating == Rating.DISSATISFIED:
        return ("非常不满意", "很不满意", "不满意")
    if rating == Rating.BASICALLY_SATISFIED:
        return ("基本满意", "比较满意")
    return ("非常满意", "很满意", "满意")


def redact_numbers(text: str) -> str:
    """Long digit runs (a phone or ID number typed into a reply) are masked wherever reply text is shown."""
    return re.sub(r"\d{7,}", lambda match: match.group(0)[:3] + "*" * (len(match.group(0)) - 3), text or "")
