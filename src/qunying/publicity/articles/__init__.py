"""Article import: repair scraped bureau articles and read what they report (see ../shared/samples/README.md).

repair.py and codec.py mend the text; tokens.py, grammar.py, people.py and extract.py read people, honours and
figures with a phrase grammar over jieba-segmented text; issuers.py resolves abbreviations against the catalogue;
archive.py opens folders and zip files of articles."""

import json
import re

from qunying.publicity.articles.errors import ArticleError
from qunying.publicity.articles.extract import detect_bureau, extract
from qunying.publicity.articles.lexicon import Lexicon
from qunying.publicity.articles.repair import MAX_BYTES, Repaired, decode, repair, strip_glosses

__all__ = [
    "MAX_BYTES",
    "ArticleError",
    "Lexicon",
    "Repaired",
    "check_is_article",
    "decode",
    "detect_bureau",
    "extract",
    "read_article",
    "repair",
    "strip_glosses",
]

HAN = re.compile(r"[\u4e00-\u9fff]")
SEPARATORS = re.compile(r"[,\t;|，]")


def check_is_article(text: str) -> None:
    """Refuse, with a clear message, text that is a table or a list rather than an article: most lines cut into
    the same number of fields by commas or tabs, and hardly a sentence."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        raise ArticleError("文件中没有标题，不是文章。")
    if text.lstrip()[:1] in "{[" and _is_json(text):
        raise ArticleError("文件内容是 JSON 数据，不是文章。请上传文章正文（标题、发布时间和正文）。")
    fields = [len(SEPARATORS.split(line)) for line in lines]
    common = max(set(fields), key=fields.count)
    sentences = len(re.findall(r"[。！？!?]", text))
    if len(lines) >= 3 and common >= 3 and fields.count(common) >= 0.6 * len(lines) and sentences < len(lines) / 3:
        raise ArticleError(
            "文件内容是表格（各行以逗号或制表符分成相同的列），不是文章。请上传文章正文（标题、发布时间和正文）。"
        )
    han = len(HAN.findall(text))
    if han < 20 or (sentences == 0 and len(lines) > 1 and han < 100):
        raise ArticleError("文件中没有成段的中文正文，不是文章。")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _for_reading(repaired: Repaired) -> str:
    """The text the extraction reads: a damaged run with a likely reading (民[?]→警) is read as that reading, so the
    people around it are found; any other damaged run as □, so no name or issuer takes in its raw characters. The
    text shown and kept is still the raw run."""
    text, cursor, pieces = repaired.text, 0, []
    for span in repaired.damaged_spans:
        pieces.append(text[cursor : span["start"]])
        pieces.append(span.get("likely") or "□" * (span["end"] - span["start"]))
        cursor = span["end"]
    pieces.append(text[cursor:])
    return "".join(pieces)


def read_article(data: bytes, *, lexicon: Lexicon | None = None, bureau: str | None = None, on_progress=None) -> dict:
    """The whole import for one file's bytes: repaired text, damaged spans, people and figures. Writes nothing.
    `raw` is the text as decoded, before any repair (kept with the proposal)."""
    raw = decode(data)
    repaired = repair(raw)
    check_is_article(repaired.text)
    result = extract(_for_reading(repaired), lexicon=lexicon, bureau=bureau, on_progress=on_progress)
    if not result["title"]:
        raise ArticleError("文件中没有标题，不是文章。")
    reading = _for_reading(repaired)
    for person in result["people"]:
        if person["name"] not in repaired.text and person["name"] in reading:
            person["name_uncertain"] = True  # part of the name is a likely reading of a damaged run
    lines = [line.strip() for line in repaired.text.split("\n") if line.strip()]
    result["title"] = lines[0]  # as repaired: a damaged run in it stays raw, as in the text
    result["text"] = repaired.text
    result["damaged_spans"] = repaired.damaged_spans
    result["repairs"] = repaired.repairs
    result["raw"] = raw
    return result
