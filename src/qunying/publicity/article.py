"""Repair and read scraped bureau articles (../shared/samples/README.md).

Repair: a single tone-marked pinyin syllable in ASCII parentheses directly after a Han character is a gloss added by
the site's 简→繁 converter and is dropped; the text is then converted traditional → simplified with OpenCC `t2s`.
A byte-misaligned GBK run (U+FFFD, an ASCII "?" between Han characters, private-use characters) is detected, kept
raw (not converted) and reported in `damaged_spans` with offsets into the repaired text; it is never recovered,
because with a lost lead byte no recovery is certain.

Extraction is rule based and works sentence by sentence: officers are named right after 民警/辅警 (optionally after
their unit), honours are phrases such as 被<issuer>记个人三等功 / 被<issuer>授予“<title>”称号 /
<issuer>对其予以通报表扬 /
获“<title>”称号, figures are counted awards (获<issuer>嘉奖3人, 评选出“<title>”5人). "今年" means the year of
publication.
"""

import datetime
import functools
import logging
import re
import warnings
from dataclasses import dataclass, field

MAX_BYTES = 2 * 1024 * 1024  # a scraped article is a few KB; anything above 2 MB is not an article

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_GLOSS = re.compile(rf"(?<=[{HAN}])\((?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,6}}\)")
ANCHOR = re.compile(rf"\ufffd|[\ue000-\uf8ff]|(?<=[{HAN}])\?|\?(?=[{HAN}])")
META_DATE = re.compile(r"发布时间\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
META_SOURCE = re.compile(r"来源\s*[:：]\s*(\S+)")

AWARDS = {  # award words → honours AwardType code (DESIGN.md glossary)
    "通报表扬": "public_praise",
    "嘉奖": "commendation",
    "三等功": "merit_class_3",
    "二等功": "merit_class_2",
    "一等功": "merit_class_1",
}
AWARD_WORDS = "|".join(AWARDS)
ISSUER = rf"[{HAN}]{{2,14}}?(?:局|厅|部|委|会|府|院|队|所|办|室|处|中心|指挥部)"
CATEGORIES = {"民警": "police", "辅警": "auxiliary"}
UNIT_SUFFIX = re.compile(rf"[{HAN}]{{1,10}}(?:派出所|大队|中队|支队|分局|警务室|科|所|队)$")
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
SENTENCE_END = re.compile(r"(?<=[。！？；;])")
CLAUSE_SPLIT = re.compile(r"[，,、]")
YEAR = re.compile(r"(今年|去年|前年|(\d{4})年)(?:度)?(?:(\d{1,2})月)?(?!参加工作|入警|从警|参警)")
WORK_SINCE = re.compile(r"(\d{4})年(?:参加工作|入警|从警|参警|参加公安工作)")
NICKNAME = re.compile(r"(?:称为|誉为|称作|叫作)“([^”]{2,12})”")


class ArticleError(Exception):
    """The file cannot be read as an article; the message is for the user (Chinese)."""


@dataclass
class Repaired:
    text: str
    damaged_spans: list[dict] = field(default_factory=list)


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


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
    if not re.search(f"[{HAN}]", text):
        raise ArticleError("文件中没有中文正文，不是文章。")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_glosses(text: str) -> str:
    return PINYIN_GLOSS.sub("", text)


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


def repair(raw: str) -> Repaired:
    """Drop pinyin glosses, convert 繁→简 outside damaged runs, keep damaged runs raw and report them."""
    text = strip_glosses(raw)
    pieces, spans, cursor, out_len = [], [], 0, 0
    for start, end in _damaged_ranges(text):
        clean = _t2s().convert(text[cursor:start])
        pieces.append(clean)
        out_len += len(clean)
        spans.append({"start": out_len, "end": out_len + end - start, "raw": text[start:end]})
        pieces.append(text[start:end])
        out_len += end - start
        cursor = end
    pieces.append(_t2s().convert(text[cursor:]))
    return Repaired(text="".join(pieces), damaged_spans=spans)


# ----------------------------------------------------------------------------------------------------------- extraction


@functools.cache
def _jieba():
    with warnings.catch_warnings():  # jieba 0.42 has invalid escape sequences (SyntaxWarning on first compile)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba


def load_user_dictionary(names=(), units=()):
    """Teach jieba the people and units of the database so they segment as whole words."""
    jieba = _jieba()
    for name in names:
        jieba.add_word(name, freq=2000, tag="nr")
    for unit in units:
        jieba.add_word(unit, freq=2000, tag="nt")


def _name_after(text: str, pos: int, known: set[str]) -> str | None:
    """The person's name starting at `pos` (right after 民警/辅警), or None."""
    for name in known:
        if text.startswith(name, pos):
            return name
    chunk = text[pos : pos + 8]
    if not chunk or chunk[0] not in SURNAMES:
        return None
    jieba = _jieba()
    words = list(jieba.posseg.cut(chunk))
    if not words:
        return None
    word, flag = words[0].word, words[0].flag
    if "某" in word:
        return None
    if 2 <= len(word) <= 3 and re.fullmatch(f"[{HAN}]+", word) and (flag == "nr" or word in known):
        return word
    return None


def _unit_before(text: str, pos: int) -> str | None:
    """The unit written right before 民警/辅警 (城关派出所民警…), grown leftwards word by word; None for 该局/本局."""
    head = re.search(f"[{HAN}]{{1,12}}$", text[:pos])
    if not head:
        return None
    words = list(_jieba().posseg.cut(head.group(0)))
    candidate, best = "", None
    for word in reversed(words):
        if word.flag[:1] in ("v", "t", "p", "d", "r", "u", "c", "m", "f") and candidate:
            break
        candidate = word.word + candidate
        if len(candidate) > 10:
            break
        if UNIT_SUFFIX.fullmatch(candidate):
            best = candidate
    if not best or best.startswith(("该", "本", "其", "全")):
        return None
    return best


def _year_of(match: re.Match, pub_year: int | None) -> tuple[int | None, int | None]:
    word, digits, month = match.group(1), match.group(2), match.group(3)
    year = {"今年": pub_year, "去年": pub_year and pub_year - 1, "前年": pub_year and pub_year - 2}.get(word)
    if digits:
        year = int(digits)
    return year, (int(month) if month else None)


def _honours_in_clause(clause: str) -> list[dict]:
    found = []
    patterns = [
        # 被市公安局记个人三等功 / 被市公安局评选为2022年度“辅警之星” / 被县文明委授予“青山好人”称号
        rf"被(?P<issuer>{ISSUER})(?:评选为|评为|授予|记|给予|表彰为)(?:个人|集体)?(?:\d{{4}}年度?)?"
        rf"(?:“(?P<title>[^”]{{2,20}})”|(?P<award>{AWARD_WORDS}))",
        # 县防汛抗旱指挥部对其予以通报表扬 / 市公安局给予其嘉奖
        rf"(?P<issuer>{ISSUER})(?:对其|给其|给予其|为其)(?:予以|给予|记)?(?:个人)?(?P<award>{AWARD_WORDS})",
        # 获“全省优秀社区民警”称号 / 荣获市公安局嘉奖 (no count: a person's honour, not a figure)
        rf"(?:荣获|获得|获)(?P<issuer>{ISSUER})?(?:个人)?(?:“(?P<title>[^”]{{2,20}})”(?:称号|荣誉称号)"
        rf"|(?P<award>{AWARD_WORDS})(?!\d))",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, clause):
            groups = m.groupdict()
            title = groups.get("title") or groups.get("award")
            found.append(
                {
                    "title": title,
                    "type": AWARDS.get(title, "honorary_title"),
                    "issuer": groups.get("issuer"),
                    "start": m.start(),
                }
            )
    found.sort(key=lambda h: h["start"])
    unique = []
    for h in found:
        if not any(u["title"] == h["title"] for u in unique):
            unique.append(h)
    return unique


def _figures_in(sentence: str, year: int | None) -> list[dict]:
    figures = []
    for m in re.finditer(
        rf"(?:获|获得|受到)(?P<issuer>(?:{ISSUER})?)(?:本级)?(?P<award>{AWARD_WORDS})(?P<count>\d+)(?:人|名)", sentence
    ):
        figures.append(
            {
                "issuer": m.group("issuer") or None,
                "type": AWARDS[m.group("award")],
                "title": None,
                "count": int(m.group("count")),
                "year": year,
            }
        )
    for m in re.finditer(r"“(?P<title>[^”]{2,20})”(?:称号)?(?P<count>\d+)(?:人|名)", sentence):
        figures.append(
            {"issuer": None, "type": None, "title": m.group("title"), "count": int(m.group("count")), "year": year}
        )
    return figures


def extract(text: str, *, known_names=(), known_units=()) -> dict:
    """Title, publication, people with honours and figures from repaired text."""
    load_user_dictionary(known_names, known_units)
    known = set(known_names)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = lines[0] if lines else ""
    published_at = source = None
    pub_year = None
    body_lines = lines[1:]
    for i, line in enumerate(lines[1:4], start=1):
        date = META_DATE.search(line)
        if date:
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in date.groups())
            tz = datetime.timezone(datetime.timedelta(hours=8))
            published_at = datetime.datetime(y, mo, d, h, mi, s, tzinfo=tz).isoformat()
            pub_year = y
            src = META_SOURCE.search(line)
            source = src.group(1) if src else None
            body_lines = lines[i + 1 :]
            break

    people: dict[str, dict] = {}
    figures: list[dict] = []
    for paragraph in body_lines:
        current = None
        for sentence in (s for s in SENTENCE_END.split(paragraph) if s):
            # officers named in this sentence
            for m in re.finditer("民警|辅警", sentence):
                name = _name_after(sentence, m.end(), known)
                if not name:
                    continue
                person = people.setdefault(
                    name,
                    {
                        "name": name,
                        "category": CATEGORIES[m.group(0)],
                        "unit": None,
                        "work_since": None,
                        "nickname": None,
                        "honours": [],
                    },
                )
                person["unit"] = person["unit"] or _unit_before(sentence, m.start())
                known.add(name)
            sentence_figures = []
            context_year = None
            clauses = CLAUSE_SPLIT.split(sentence)
            for clause in clauses:
                mentioned = [n for n in people if n in clause]
                if mentioned:
                    current = people[min(mentioned, key=clause.index)]
                if current and (since := WORK_SINCE.search(clause)):
                    current["work_since"] = int(since.group(1))
                if current and (nick := NICKNAME.search(clause)):
                    current["nickname"] = nick.group(1)
                year_match = YEAR.search(clause)
                clause_year, clause_month = _year_of(year_match, pub_year) if year_match else (None, None)
                counted = _figures_in(clause, clause_year or context_year)
                if counted:
                    sentence_figures.extend(counted)
                elif current:
                    for honour in _honours_in_clause(clause):
                        current["honours"].append(
                            {
                                "title": honour["title"],
                                "type": honour["type"],
                                "issuer": honour["issuer"],
                                "year": clause_year or context_year,
                                "month": clause_month,
                            }
                        )
                if clause_year:
                    context_year = clause_year
            figures.extend(sentence_figures)
            if re.match(r"^(?:该局|全局|今年以来|近年来)", sentence) and not any(n in sentence for n in people):
                current = None
    return {
        "title": title,
        "published_at": published_at,
        "source": source,
        "people": list(people.values()),
        "figures": figures,
    }


def read_article(data: bytes, *, known_names=(), known_units=()) -> dict:
    """The whole import for one file's bytes: repaired text, damaged spans, people and figures."""
    raw = decode(data)
    repaired = repair(raw)
    result = extract(repaired.text, known_names=known_names, known_units=known_units)
    result["text"] = repaired.text
    result["damaged_spans"] = repaired.damaged_spans
    if not result["title"]:
        raise ArticleError("文件中没有标题，不是文章。")
    return result
