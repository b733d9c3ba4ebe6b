"""The reply parser: digits (full-width, circled), words (不满意 contains 满意), comments, and any text at all."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qunying.feedback.enums import Rating
from qunying.feedback.parsing import normalise, parse_reply, redact_numbers

S, B, D = Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED


@pytest.mark.parametrize(
    ("text", "rating", "comment"),
    [
        ("1", S, ""),
        ("2", B, ""),
        ("3", D, ""),
        ("１", S, ""),
        ("３", D, ""),
        ("②", B, ""),
        (" 1 ", S, ""),
        ("1，民警态度很好", S, "民警态度很好"),
        ("3。出警太慢了", D, "出警太慢了"),
        ("满意", S, ""),
        ("非常满意，谢谢", S, "谢谢"),
        ("基本满意", B, ""),
        ("不满意", D, ""),
        ("很不满意，等了两个小时", D, "等了两个小时"),
        ("不是很满意", D, "不是很满意"),
        ("对处理结果不太满意", D, "对处理结果不太满意"),
        ("比较满意", B, ""),
        ("1 满意", S, "满意"),
    ],
)
def test_readable_replies(text, rating, comment):
    parsed = parse_reply(text)

    assert (parsed.rating, parsed.comment) == (rating, comment)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "4",
        "0",
        "12",
        "1.5",
        "13855556666",
        "谢谢",
        "收到",
        "回复1",
        "3 满意",
        "1 不满意",
        "满意，但不满意的是等太久",
        "TD",
    ],
)
def test_unclear_replies_are_left_for_manual_coding(text):
    assert parse_reply(text).rating == ""


@given(st.text(max_size=300))
def test_any_text_parses_without_error_to_a_rating_or_nothing(text):
    parsed = parse_reply(text)

    assert parsed.rating in {"", *Rating.values}
    assert parsed.comment in normalise(text)


comments = st.text(max_size=40).filter(lambda c: "满意" not in normalise(c) and not normalise(c)[:1].isdigit())


@given(st.sampled_from(["1", "2", "3"]), st.sampled_from([" ", "，", "。", ",", ""]), comments)
def test_a_leading_digit_with_any_comment_gives_that_rating(digit, separator, comment):
    if not separator and normalise(comment)[:1] in {".", ","}:
        return  # "1.5" reads as a number, not as a rating
    parsed = parse_reply(digit + separator + comment)

    assert parsed.rating == {"1": S, "2": B, "3": D}[digit]


@given(st.sampled_from(["1", "2", "3"]), st.text(max_size=40))
def test_full_width_digits_read_like_ascii_ones(digit, rest):
    full_width = chr(ord(digit) - ord("0") + ord("０"))

    assert parse_reply(full_width + rest) == parse_reply(digit + rest)


@given(comments)
def test_dissatisfied_is_never_read_as_satisfied(comment):
    assert parse_reply("不满意" + comment).rating == D
    assert parse_reply(comment + "不满意").rating in {D, ""}


def test_long_numbers_are_masked_when_shown():
    assert redact_numbers("我的电话13855556666，谢谢") == "我的电话138********，谢谢"
    assert redact_numbers("1 态度好") == "1 态度好"
