"""Numbers and dates as Chinese police news writes them: 12, １２ (made ASCII by the repair), 十六, 一百零六, 两;
2022年, 2022年度, 2023年3月, 今年, 去年, 同年, 近日, 7月18日 (a date without a year is in the year of publication)."""

import re
from dataclasses import dataclass

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
POWERS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千]+"
NUMBER = rf"(?:\d+|{CHINESE_NUMBER})"
# Years that are not the year of an honour: when someone started work or was born.
NOT_AN_HONOUR_YEAR = r"(?:参加工作|参加公安工作|参加公安|入警|从警|参警|入职|入伍|出生|生人|加入公安队伍|参加革命工作)"
DATE = re.compile(
    r"(?P<year>\d{4})\s*年(?:度)?(?:\s*(?P<month>\d{1,2})\s*月(?:份)?)?(?:\s*\d{1,2}\s*日)?"
    r"|(?P<relative>今年|去年|前年|同年|当年|本年度|上年度|近日|日前|近期)(?:度)?"
    r"(?:\s*(?P<rmonth>\d{1,2})\s*月(?:份)?)?"
    r"|(?P<bare_month>\d{1,2})\s*月(?:份|\s*\d{1,2}\s*日)?"
)


def parse_number(text: str) -> int | None:
    """12 → 12, 十六 → 16, 一百零六 → 106, 二十四 → 24, 两 → 2; None for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or not re.fullmatch(CHINESE_NUMBER, text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * POWERS[ch]
            current = 0
    return total + current


@dataclass(frozen=True)
class When:
    year: int | None
    month: int | None
    start: int
    end: int
    relative: str = ""  # 同年 / 当年: the year already in context


def dates_in(text: str, published: tuple[int, int] | None) -> list[When]:
    """Every date-like mention with its year (None when the article cannot tell), skipping years of starting work
    and of birth. `published` is the (year, month) of publication: 今年 and a bare 7月 are read against it."""
    published_year, published_month = published or (None, None)
    found = []
    for match in DATE.finditer(text):
        if re.match(rf"\s*(?:\d{{1,2}}\s*月\s*)?(?:\d{{1,2}}\s*日\s*)?{NOT_AN_HONOUR_YEAR}", text[match.end() :]):
            continue
        year = month = None
        relative = ""
        if match.group("year"):
            year = int(match.group("year"))
            if not 1949 <= year <= 2100:
                continue
            month = int(match.group("month")) if match.group("month") else None
        elif match.group("relative"):
            word = match.group("relative")
            month = int(match.group("rmonth")) if match.group("rmonth") else None
            if word in ("同年", "当年"):
                relative = word
            elif published_year:
                year = published_year - {"去年": 1, "前年": 2, "上年度": 1}.get(word, 0)
        else:
            if text[match.end() : match.end() + 1] in ("人", "名", "个", "起", "次") or not published_year:
                continue
            month = int(match.group("bare_month"))
            if not 1 <= month <= 12:
                continue
            year = published_year - (1 if published_month and month > published_month else 0)
        if month is not None and not 1 <= month <= 12:
            month = None
        found.append(When(year, month, match.start(), match.end(), relative))
    return found
