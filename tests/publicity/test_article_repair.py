"""Repair of damaged scraped text: a wrong codec for the whole text, HTML remnants, width, glosses in any bracket;
what cannot be repaired with certainty is flagged with offsets and kept raw, never invented."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qunying.publicity.articles import ArticleError, decode, read_article, repair

DEV = Path(__file__).resolve().parent / "articles" / "dev"


def outside_spans(text: str, spans: list[dict]) -> list[str]:
    pieces, cursor = [], 0
    for span in spans:
        pieces.append(text[cursor : span["start"]])
        cursor = span["end"]
    pieces.append(text[cursor:])
    return pieces


def assert_in_order(pieces: list[str], clean: str) -> None:
    """Every piece of the repaired text outside the flagged spans is the clean text, in order."""
    cursor = 0
    for piece in pieces:
        found = clean.find(piece, cursor)
        assert found >= 0, piece
        cursor = found + len(piece)


def test_utf8_read_as_gbk_is_restored_and_lost_bytes_are_flagged_raw_with_a_hint():
    raw = (DEV / "d06-utf8-read-as-gbk.txt").read_text(encoding="utf-8")
    clean = (DEV / "d06-utf8-read-as-gbk.clean.txt").read_text(encoding="utf-8")
    repaired = repair(raw)
    assert repaired.repairs == ["整篇文字曾被按 GBK 误读（原为 UTF-8 编码），已还原。"]
    assert repaired.damaged_spans
    for span in repaired.damaged_spans:
        assert repaired.text[span["start"] : span["end"]] == span["raw"]
        assert span["raw"] in raw  # kept as it came, never converted or guessed into the text
    assert_in_order(outside_spans(repaired.text, repaired.damaged_spans), clean)
    assert "安远县公安局" in repaired.text and "刑侦大队" in repaired.text
    assert {"警", "公"} <= {span.get("likely") for span in repaired.damaged_spans}  # hints for the reviewer only
    assert "民警宁志远" not in repaired.text


def test_a_hint_lets_the_extraction_find_the_person_and_says_the_name_is_sure():
    result = read_article((DEV / "d06-utf8-read-as-gbk.txt").read_bytes())
    people = {p["name"]: p for p in result["people"]}
    assert "宁志远" in people and not people["宁志远"].get("name_uncertain")
    assert all(name in result["text"] or people[name].get("name_uncertain") for name in people)


def test_gbk_read_as_latin1_is_restored_exactly():
    repaired = repair((DEV / "d07-gbk-read-as-latin1.txt").read_text(encoding="utf-8"))
    assert repaired.text == (DEV / "d07-gbk-read-as-latin1.clean.txt").read_text(encoding="utf-8")
    assert repaired.damaged_spans == []
    assert repaired.repairs == ["整篇文字曾被按 Latin-1 误读（原为 GBK 编码），已还原。"]


def test_utf8_read_as_latin1_is_restored_exactly():
    clean = (
        "青山县公安局:民警陈志远获评“最美民警”\n发布时间:2023-06-12 来源:政治处\n城关派出所民警陈志远荣立个人三等功。\n"
    )
    mojibake = clean.encode("utf-8").decode("latin-1")
    repaired = repair(mojibake)
    assert repaired.text == clean
    assert "UTF-8" in repaired.repairs[0]


def test_gbk_read_as_utf8_lost_its_characters_and_is_refused_in_chinese():
    clean = (DEV / "d07-gbk-read-as-latin1.clean.txt").read_text(encoding="utf-8")
    lost = clean.encode("gbk").decode("utf-8", errors="replace")
    with pytest.raises(ArticleError, match="GBK 编码的文本曾被按 UTF-8 读取"):
        read_article(lost.encode("utf-8"))


def test_html_remnants_width_and_glosses_in_other_brackets_are_repaired():
    repaired = repair((DEV / "d08-html-width-glosses.txt").read_text(encoding="utf-8"))
    assert repaired.text == (DEV / "d08-html-width-glosses.clean.txt").read_text(encoding="utf-8")
    assert repaired.damaged_spans == []
    assert len(repaired.repairs) == 2


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("民警&nbsp;张三&ldquo;最美&rdquo;", "民警 张三“最美”"),
        ("<p>第一段</p><p>第二段<br/>第三行</p>", "第一段\n第二段\n第三行"),
        ("<script>var a = 1;</script>正文", "正文"),
        ("２０２１年获评ＡＢＣ奖", "2021年获评ABC奖"),
        ("｢辅警之星｣､｢辅警标兵｣｡", "「辅警之星」、「辅警标兵」。"),
        ("發（fā）現[xiàn]處【chù】理〔lǐ〕", "发现处理"),
        ("人数<5人，比例>3成", "人数<5人，比例>3成"),  # not HTML: left alone
        ("（含辅警）(2022)(120)", "（含辅警）(2022)(120)"),
    ],
)
def test_each_kind_of_damage_is_repaired_and_real_text_is_left_alone(raw, clean):
    assert repair(raw).text == clean


HAN = st.text(alphabet="民警辅警发现典型派出所群众表扬称号荣誉，。、“”（）的在了", min_size=1, max_size=30)


@given(st.lists(st.tuples(HAN, st.sampled_from(["\ufffd", "民?", "\ue001"])), min_size=1, max_size=5), HAN)
@settings(max_examples=80, deadline=None)
def test_unreadable_characters_are_flagged_where_they_are_and_nothing_is_invented(pairs, tail):
    raw = "".join(text + bad for text, bad in pairs) + tail
    repaired = repair(raw)
    assert repaired.damaged_spans
    for span in repaired.damaged_spans:
        assert repaired.text[span["start"] : span["end"]] == span["raw"]
    kept = "".join(outside_spans(repaired.text, repaired.damaged_spans))
    assert set(kept) <= set(raw)  # simplified text outside the spans: the same characters, nothing new


def test_a_table_and_json_are_refused_with_a_clear_message():
    table = "姓名,单位,警号\n张三,城关派出所,001\n李四,交警大队,002\n王五,城关派出所,003\n".encode()
    with pytest.raises(ArticleError, match="表格"):
        read_article(table)
    with pytest.raises(ArticleError, match="JSON"):
        read_article('{"title": "青山县公安局先进典型", "people": ["张三", "李四"]}'.encode())


def test_decode_keeps_gb18030_and_refuses_binary():
    assert decode("青山县公安局".encode("gb18030")) == "青山县公安局"
    with pytest.raises(ArticleError, match="二进制"):
        decode(b"\x00\x01\x02")
