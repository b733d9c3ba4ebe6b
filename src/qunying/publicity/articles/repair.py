"""Bytes → repaired simplified text: wrong-codec text, HTML remnants, width, pinyin glosses, 繁→简; the rest flagged.

The text is carried as segments `(piece, damaged)`: a damaged piece is kept exactly as it came (never converted, never
guessed) and reported in `damaged_spans` with offsets into the final text. Repairs, in order:
1. wrong codec for the whole text (codec.py): UTF-8 bytes read as GBK, GBK or UTF-8 bytes read as Latin-1/cp1252;
   bytes lost in the wrong decoding are restored only when exactly one byte fits, otherwise their run is flagged;
2. HTML remnants: tags dropped (block tags end the line), entities such as &nbsp; and &ldquo; decoded;
3. width: full-width digits and Latin letters become ASCII, half-width CJK punctuation (｡｢｣､) full-width;
4. pinyin glosses: one tone-marked syllable in (), （）, [], 【】 or 〔〕 right after a Han character is dropped;
5. a byte-misaligned GBK run (U+FFFD, an ASCII "?" between Han characters, private-use characters) is flagged raw;
6. traditional → simplified (OpenCC t2s) outside flagged runs.
"""

import html
import re
from dataclasses import dataclass, field

from qunying.publicity.articles.codec import undo_wrong_codec
from qunying.publicity.articles.errors import ArticleError
from qunying.publicity.articles.lexicon import t2s

MAX_BYTES = 2 * 1024 * 1024  # a scraped article is a few KB; anything above 2 MB is not an article

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
GLOSS_BRACKETS = [("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("〔", "〕")]
PINYIN_GLOSS = re.compile(
    "|".join(
        rf"(?<=[{HAN}]){re.escape(a)}(?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,6}}{re.escape(b)}"
        for a, b in GLOSS_BRACKETS
    )
)
ANCHOR = re.compile(rf"\ufffd|[\ue000-\uf8ff]|(?<=[{HAN}])\?|\?(?=[{HAN}])")
HTML_SIGNS = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
HTML_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
HTML_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|table|section|article|ul|ol)\b[^<>]*>", re.I)
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
HALF_WIDTH_PUNCT = str.maketrans({"｡": "。", "｢": "「", "｣": "」", "､": "、"})
Segment = tuple[str, bool, str]  # (piece, damaged, what a damaged piece most likely said, or "")


@dataclass
class Repaired:
    text: str
    damaged_spans: list[dict] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # what was repaired, in Chinese, for the review page


def decode(data: bytes) -> str:
    """Bytes → text, refusing empty, binary and oversized input with a clear message."""
    if not data.strip():
        raise ArticleError("文件为空，不是文章。")
    if len(data) > MAX_BYTES:
        raise ArticleError(f"文件过大（{len(data) // 1024} KB），文章不应超过 {MAX_BYTES // 1024 // 1024} MB。")
    if b"\x00" in data:
        raise ArticleError("文件是二进制文件，不是文本文章。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ArticleError("无法识别文件编码（应为 UTF-8 或 GB18030 文本）。")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > len(text) // 100:
        raise ArticleError("文件是二进制文件，不是文本文章。")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not re.search(f"[{HAN}]", text) and not re.search("[\u00c0-\u00ff]{4}", text):
        raise ArticleError("文件中没有中文正文，不是文章。")
    return text


def strip_glosses(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


def strip_html(text: str) -> str:
    """Tags out (a block tag ends the line), entities decoded, runs of spaces made one; plain text is untouched."""
    if not HTML_SIGNS.search(text):
        return text.replace("\u00a0", " ")
    ends_line = text.endswith("\n")
    text = HTML_DROP.sub("", text)
    text = HTML_BLOCK.sub("\n", text)
    text = HTML_TAG.sub("", text)
    text = ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = text.replace("\u00a0", " ")
    text = re.sub(r"[ \t]{2,}", " ", text)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + ("\n" if ends_line else "")


def normalise_width(text: str) -> str:
    text = FULL_WIDTH_ALNUM.sub(lambda m: chr(ord(m.group(0)) - 0xFEE0), text)
    return text.translate(HALF_WIDTH_PUNCT)


def _damaged_ranges(text: str) -> list[tuple[int, int]]:
    """Runs between unreadable anchors no more than four Han characters apart."""
    ranges: list[list[int]] = []
    for match in ANCHOR.finditer(text):
        start, end = match.span()
        if ranges and start - ranges[-1][1] <= 4 and re.fullmatch(f"[{HAN}]*", text[ranges[-1][1] : start]):
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
    return [(a, b) for a, b in ranges]


def _flag_anchors(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for piece, damaged, likely in segments:
        if damaged:
            out.append((piece, True, likely))
            continue
        cursor = 0
        for start, end in _damaged_ranges(piece):
            out.append((piece[cursor:start], False, ""))
            out.append((piece[start:end], True, ""))
            cursor = end
        out.append((piece[cursor:], False, ""))
    return [segment for segment in out if segment[0]]


def _clean(segments: list[Segment], fix) -> list[Segment]:
    return [(piece if damaged else fix(piece), damaged, likely) for piece, damaged, likely in segments]


def repair_segments(raw: str) -> tuple[list[Segment], list[str]]:
    segments, notes = undo_wrong_codec(raw)
    before = "".join(segment[0] for segment in segments)
    segments = _clean(segments, strip_html)
    if "".join(segment[0] for segment in segments) != before:
        notes.append("已去除网页标签和转义字符（如 &nbsp;）。")
    widened = _clean(segments, normalise_width)
    if widened != segments:
        notes.append("已将全角数字、字母改为半角。")
    segments = _clean(widened, strip_glosses)
    segments = _flag_anchors(segments)
    return _clean(segments, lambda piece: t2s().convert(piece)), notes


def repair(raw: str) -> Repaired:
    """Repair what can be repaired with certainty; keep damaged runs raw and report them with offsets."""
    segments, notes = repair_segments(raw)
    pieces, spans, length = [], [], 0
    for piece, damaged, likely in segments:
        if damaged:
            span = {"start": length, "end": length + len(piece), "raw": piece}
            if likely:
                span["likely"] = likely  # shown to the reviewer as a hint; never written into the text
            spans.append(span)
        pieces.append(piece)
        length += len(piece)
    return Repaired(text="".join(pieces), damaged_spans=spans, repairs=notes)
