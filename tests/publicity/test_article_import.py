"""Article import: the shared sample is the acceptance case; a second invented article checks the rules generalise."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from hypothesis import given, settings
from hypothesis import strategies as st

from qunying.core.models import AuditEntry
from qunying.publicity.articles import ArticleError, read_article, repair, strip_glosses
from qunying.publicity.models import ArticleImport
from qunying.publicity.services import import_article
from tests.factories import PersonFactory

SAMPLES = Path(__file__).resolve().parent / "samples"  # copies of ../shared/samples, so any clone runs them
DATA = Path(__file__).resolve().parent / "data"


def outside_span(text: str, clean: str, span: dict) -> tuple[str, str, str, str]:
    tail = len(text) - span["end"]
    return text[: span["start"]], clean[: span["start"]], text[span["end"] :], clean[len(clean) - tail :]


def assert_matches(found, expected, path="$"):
    """Every key the expectation names has the same value; lists have the same length and order."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            assert key in found, f"{path}.{key} missing"
            assert_matches(found[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(found) == len(expected), f"{path}: {found!r}"
        for i, (f, e) in enumerate(zip(found, expected, strict=True)):
            assert_matches(f, e, f"{path}[{i}]")
    else:
        assert found == expected, f"{path}: {found!r} != {expected!r}"


@pytest.fixture
def sample():
    return SAMPLES


def test_sample_text_is_repaired_except_inside_the_flagged_span(sample):
    result = read_article((sample / "article-garbled.txt").read_bytes())
    clean = (sample / "article-clean.txt").read_text(encoding="utf-8")
    assert len(result["damaged_spans"]) == 1
    span = result["damaged_spans"][0]
    before, clean_before, after, clean_after = outside_span(result["text"], clean, span)
    assert before == clean_before
    assert after == clean_after
    assert result["text"][span["start"] : span["end"]] == span["raw"]
    assert "\ufffd" in span["raw"]
    assert "(fā)" not in result["text"]


def test_sample_extraction_matches_the_expected_json(sample):
    result = read_article((sample / "article-garbled.txt").read_bytes())
    expected = json.loads((sample / "article-expected.json").read_text(encoding="utf-8"))
    assert len(result["damaged_spans"]) == expected.pop("damaged_span_count")
    assert_matches(result, expected)
    names = [p["name"] for p in result["people"]]
    assert "余某某" not in names


@pytest.mark.django_db
def test_the_sample_extracts_the_same_with_database_people_as_jieba_dictionary(sample):
    PersonFactory(name="陈志远")
    PersonFactory(name="赵永强")
    from qunying.publicity.services import read_article_file

    result = read_article_file((sample / "article-garbled.txt").read_bytes())
    expected = json.loads((sample / "article-expected.json").read_text(encoding="utf-8"))
    expected.pop("damaged_span_count")
    assert_matches(result, expected)


def test_a_second_invented_article_in_gb18030_is_repaired_and_extracted():
    result = read_article((DATA / "article-second.txt").read_bytes())
    assert result["text"] == (DATA / "article-second-clean.txt").read_text(encoding="utf-8")
    assert result["damaged_spans"] == []
    assert "(110)" in result["text"] and "（含辅警）" in result["text"]
    assert result["published_at"] == "2024-03-08T09:30:00+08:00"
    assert result["source"] == "宣传科"
    assert_matches(
        result["people"],
        [
            {
                "name": "王建国",
                "category": "police",
                "unit": "特警大队",
                "honours": [{"title": "二等功", "type": "merit_class_2", "issuer": "省公安厅", "year": 2023}],
            },
            {
                "name": "李晓梅",
                "category": "auxiliary",
                "unit": None,
                "work_since": 2019,
                "nickname": "暖心话务员",
                "honours": [{"title": "最美辅警", "type": "honorary_title", "issuer": None, "year": 2023, "month": 11}],
            },
            {
                "name": "孙海涛",
                "category": "police",
                "unit": "车站派出所",
                "honours": [{"title": "嘉奖", "type": "commendation", "issuer": "市公安局", "year": None}],
            },
        ],
    )
    assert_matches(
        result["figures"],
        [
            {"issuer": "省公安厅", "type": "commendation", "count": 7, "year": 2023},
            {"issuer": "市公安局", "type": "public_praise", "count": 12, "year": 2023},
            {"title": "最美辅警", "count": 4, "year": 2023},
        ],
    )


def test_a_damaged_run_between_unreadable_characters_is_one_span_kept_raw():
    text = "標題\n發佈時間:2024-01-02 08:00:00 來源:政治處\n民警張三在巡邏中發\ufffd現?可疑人員後報警。\n"
    repaired = repair(text)
    assert len(repaired.damaged_spans) == 1
    span = repaired.damaged_spans[0]
    assert span["raw"] == "\ufffd現?"
    assert repaired.text[span["start"] : span["end"]] == "\ufffd現?"  # kept raw, not converted
    assert repaired.text.startswith("标题\n发布时间")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (bytes(range(256)) * 4, "二进制"),
        ("中".encode() * (4 * 1024 * 1024), "文件过大"),
        (b"just some english text", "没有中文"),
    ],
)
def test_files_that_are_not_articles_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ArticleError, match=message):
        read_article(data)


PINYIN = st.sampled_from(["fā", "xiàn", "chù", "zhàn", "lǐng", "wù", "yǎng", "lǜ"])
HAN_TEXT = st.text(alphabet="民警辅警发现典型派出所群众表扬称号荣誉，。、“”（）的在了", min_size=1, max_size=40)


@given(HAN_TEXT)
@settings(max_examples=60, deadline=None)
def test_repair_is_identity_on_clean_simplified_text(text):
    repaired = repair(text)
    assert repaired.text == text
    assert repaired.damaged_spans == []
    assert repair(repaired.text).text == repaired.text


@given(HAN_TEXT, st.from_regex(r"\A[0-9A-Za-z ]{1,8}\Z"), HAN_TEXT)
@settings(max_examples=60, deadline=None)
def test_real_parentheses_survive(before, inside, after):
    text = f"{before}({inside}){after}（{inside}）"
    assert repair(text).text == text


@given(st.lists(st.tuples(st.sampled_from("發現處務養"), PINYIN), min_size=1, max_size=10))
@settings(max_examples=60, deadline=None)
def test_every_single_pinyin_gloss_after_a_han_character_is_dropped(pairs):
    text = "".join(f"{han}({syllable})" for han, syllable in pairs)
    assert strip_glosses(text) == "".join(han for han, _ in pairs)


def test_a_gloss_of_two_syllables_or_after_a_digit_is_not_a_gloss():
    assert strip_glosses("2022(nián)和發(fā xiàn)") == "2022(nián)和發(fā xiàn)"


# ----------------------------------------------------------------------------------------------------------- command


@pytest.mark.django_db
def test_command_prints_json_and_keeps_a_proposal(sample, capsys):
    call_command("import-article", str(sample / "article-garbled.txt"), "--json")
    output = json.loads(capsys.readouterr().out)
    assert output["title"] == "青山县公安局:“三个一线”发现培树先进典型"
    assert [p["name"] for p in output["people"]] == ["陈志远", "刘桂芳", "赵永强"]
    article = ArticleImport.objects.get()
    assert output["import_id"] == article.pk
    assert article.status == "proposed"
    assert article.extraction["people"][0]["name"] == "陈志远"
    assert AuditEntry.objects.filter(action="publicity.article.imported", object_id=str(article.pk)).count() == 1


@pytest.mark.django_db
def test_command_json_is_utf8_not_ascii_escaped(sample, capsys):
    call_command("import-article", str(sample / "article-garbled.txt"), "--json", "--dry-run")
    out = capsys.readouterr().out
    assert "陈志远" in out and "\\u" not in out


@pytest.mark.django_db
def test_dry_run_writes_nothing(sample, capsys):
    call_command("import-article", str(sample / "article-garbled.txt"), "--dry-run")
    assert "试运行" in capsys.readouterr().out
    assert not ArticleImport.objects.exists()
    assert not AuditEntry.objects.filter(action="publicity.article.imported").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), [(b"", "文件为空"), (b"\x00\x01\x02binary", "二进制")])
def test_command_exits_2_with_a_message_on_stderr(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["qunying", "import-article", str(path), "--json"])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""  # (run_from_argv closes the database connection: nothing more to query here)


@pytest.mark.django_db
def test_command_refuses_a_10_mb_file_and_a_missing_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes("中".encode() * (10 * 1024 * 1024 // 3))
    with pytest.raises(CommandError, match="文件过大") as error:
        call_command("import-article", str(big))
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import-article", str(tmp_path / "missing.txt"))


@pytest.mark.django_db
def test_import_service_audits_once(sample):
    article = import_article(data=(sample / "article-garbled.txt").read_bytes(), filename="a.txt", by=None)
    assert article.published_at == datetime.datetime(2023, 6, 12, 2, 15, 40, tzinfo=datetime.UTC)
    assert article.damaged_spans[0]["raw"] == "?票焕\ufffd"
    assert AuditEntry.objects.filter(action="publicity.article.imported").count() == 1
