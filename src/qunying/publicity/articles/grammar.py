"""The phrase grammar of honours and figures, written over a sentence's token kinds (tokens.py): actor (issuer),
verb, recipient(s), award. Each rule is a pattern over the string of kinds; a match becomes a Phrase whose
recipients, issuer and year the extraction then resolves from context (extract.py).

Honours
- passive:      (P、P)? 被|受到 I? … 评为|授予|记|给予? … award      赵永强被市公安局评选为2022年度“辅警之星”
- receive:      P? 获|荣获|获评|荣立|入选|当选 I? … award             荣立个人二等功 · 获评市公安局“最美社区民警”
- active:       I? … 授予|给予|记 P、P … award                       县公安局决定授予…蒋文斌、…苏婷…“最美民警”称号
- 对-form:      I? 对 … P (等N名同志)? … 予以|给予|记? award         县防汛抗旱指挥部对其予以通报表扬
- continuation: 并|同时 (分别)? 给予|记? award, after another honour  …评为“巾帼建功标兵”并记功 · 并分别给予嘉奖一次
Figures
- award count:  获? I? 本级? 记? award N                              获市公安局嘉奖3人 · 记个人三等功38人 · 嘉奖148人
- title count:  “title” (称号)? N                                     评选出“辅警之星”8人、“辅警标兵”16人
- count first:  N … 受到|获得 I? 本级? award                          42名民警辅警受到局本级嘉奖
- 对-form with 等N名同志 (a figure as well as the named people's honours)
"""

import re
from dataclasses import dataclass, field

from qunying.publicity.articles.tokens import Token, kinds

RECIPIENT = "POL"
HONOUR_RULES = [  # (name, pattern); tried in this order at each position. A quoted title needs a verb before it.
    (
        "dui",
        r"(?P<iss>[IW])?[XYvU]{0,3}?D(?P<rec>[^SBGRDACKM]{0,30}?)(?:(?P<verb>G)[XYcU]{0,3}(?=[AT])|[XYc]{0,3}(?=A))"
        r"(?P<award>[AT])H?Q?",
    ),
    (
        "active",
        r"(?P<iss>[IW])?[XYSvF]{0,4}?(?P<verb>G)(?P<rec>[^SBGRDACKMPOL]{0,20}?[POL](?:[XcYhE]{0,5}[POL])*E?N?)"
        r"[XYvU]{0,4}?G?[XYvU]{0,3}(?P<award>[AT])H?Q?",
    ),
    (
        "passive",
        r"(?P<rec>(?:[PO][cXh]{0,3})*[PO]E?N?)?[XJY]{0,3}B(?P<iss>[IW])?v?[XYU]{0,4}?"
        r"(?:(?P<verb>[GR])[XYvcU]{0,4}?(?=[AT])|[XYvc]{0,2}(?=A))(?P<award>[AT])H?Q?",
    ),
    ("receive", r"(?P<rec>[PO])?[XJY]{0,3}(?P<verb>R)(?P<iss>[IW])?v?[XYcU]{0,4}?(?P<award>[AT])H?Q?"),
]
CONTINUATION = r"(?:S?J+F?(?P<verb>[GR])?[XY]{0,2}|c)(?P<award>[AT])E?H?Q?"
FIGURE_RULES = [
    ("award_count", r"(?P<iss>[IW])?v?G?(?P<award>A)(?P<n>N)"),
    ("title_count", r"(?P<award>T)H?(?P<n>N)"),
    ("count_first", r"(?P<n>N)[XU]{0,4}?[BR](?P<iss>[IW])?v?X{0,2}?(?P<award>[At])"),
]


@dataclass
class Phrase:
    rule: str
    award: Token
    start: int  # token indices, end exclusive
    end: int
    issuer: Token | None = None
    verb: Token | None = None
    recipients: list[Token] = field(default_factory=list)
    others: bool = False  # X等同志: the named people and others
    count: int | None = None  # figures, and 等N名同志
    continues: bool = False  # a continuation of the phrase before it in the same sentence
    passive: bool = False
    collective: bool = False

    @property
    def is_generic(self) -> bool:
        """受到…表彰: an honour whose kind the article does not say."""
        return self.award.kind == "A" and self.award.value[0] == "表彰"


def _group(match: re.Match, name: str, tokens: list[Token]) -> list[Token]:
    if match.group(name) is None:
        return []
    return tokens[match.start(name) : match.end(name)]


def _one(match: re.Match, name: str, tokens: list[Token]) -> Token | None:
    found = _group(match, name, tokens)
    return found[0] if found else None


def _phrase(rule: str, match: re.Match, tokens: list[Token]) -> Phrase:
    rec = _group(match, "rec", tokens) if "rec" in match.groupdict() else []
    count = next((t.value for t in rec if t.kind == "N"), None)
    return Phrase(
        rule=rule,
        award=_one(match, "award", tokens),
        start=match.start(),
        end=match.end(),
        issuer=_one(match, "iss", tokens) if "iss" in match.groupdict() else None,
        verb=_one(match, "verb", tokens) if "verb" in match.groupdict() else None,
        recipients=[t for t in rec if t.kind in RECIPIENT],
        others=any(t.kind == "E" for t in rec),
        count=count,
        passive=rule == "passive",
    )


def honours(tokens: list[Token]) -> list[Phrase]:
    """Honour phrases, left to right, not overlapping. An award counted (获市公安局嘉奖3人, 42名…受到局本级嘉奖) is a
    figure, not an honour; 对/授予 naming nobody (对…集体和个人进行表彰) announces, it gives no one an honour."""
    tags = kinds(tokens)
    counted_awards = {id(p.award) for p in _counted(tokens)}
    found: list[Phrase] = []
    i = 0
    while i < len(tags):
        phrase = None
        if found and found[-1].end == i and (m := re.compile(CONTINUATION).match(tags, i)):
            phrase = _phrase("continuation", m, tokens)
            phrase.continues = True
        if phrase is None:
            for rule, pattern in HONOUR_RULES:
                if m := re.compile(pattern).match(tags, i):
                    phrase = _phrase(rule, m, tokens)
                    break
        if phrase is None:
            i += 1
            continue
        counted = id(phrase.award) in counted_awards
        if not counted and (phrase.recipients or phrase.rule not in ("dui", "active")):
            found.append(phrase)
        elif not counted:
            found.append(_announcement(phrase))
        i = phrase.end
    return found


def _announcement(phrase: Phrase) -> Phrase:
    phrase.rule = "announcement"
    return phrase


def _counted(tokens: list[Token]) -> list[Phrase]:
    tags = kinds(tokens)
    found: list[Phrase] = []
    i = 0
    while i < len(tags):
        for rule, pattern in FIGURE_RULES:
            if m := re.compile(pattern).match(tags, i):
                phrase = _phrase(rule, m, tokens)
                phrase.count = _one(m, "n", tokens).value
                found.append(phrase)
                i = m.end()
                break
        else:
            i += 1
    return found


def figures(tokens: list[Token]) -> list[Phrase]:
    """Published figures: who awarded how many (获市公安局嘉奖3人), or how many a selection named (“辅警之星”8人)."""
    found = _counted(tokens)
    for phrase in honours(tokens):
        if phrase.count is not None and phrase.rule in ("dui", "active") and phrase.award.kind == "A":
            found.append(phrase)  # 对邹建军、冯海涛等15名同志予以通报表扬: 15 people praised
    return sorted(found, key=lambda p: p.start)
