"""From repaired text to what an article reports: title, publication, bureau, the officers it names (category,
unit, start of service, nickname) with their honours, and the published figures.

Context is read the way the articles are written: a year holds until another is written, within a paragraph (今年
is the year of publication, 同年 the year just written); a person named stays the subject until another is named; an
issuer that announces (省公安厅及省禁毒委联合发文，对…进行表彰) gives its honours to the sentences after it; a
decision without a named issuer (经局党委研究，决定对…) is the bureau's. Honours are never read from the title, nor
from a sentence that only proposes (拟推荐, 人选)."""

import datetime
import re

from qunying.publicity.articles import grammar, people
from qunying.publicity.articles.lexicon import Lexicon, load
from qunying.publicity.articles.numbers import When, dates_in
from qunying.publicity.articles.tokens import Token, tokenise

HAN = r"\u4e00-\u9fff"
META_DATE = re.compile(
    r"(?:(?:发布时间|发布日期|发布于|发表时间|时间|日期)\s*[:：]?\s*|^\s*)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
META_SOURCE = re.compile(r"来源\s*[:：]\s*(\S+)")
BUREAU = re.compile(
    rf"[{HAN}]{{2,5}}?区公安分局|[{HAN}]{{1,8}}?[省市县区旗州](?:[{HAN}]{{1,6}}?[市县区])?公安(?:局|厅)(?:[{HAN}]{{2,5}}?分局)?"
)
BUREAU_LEADING_WORDS = "记据在由经对和及与的是为被获向于从关"
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
OPEN_LINE_END = re.compile(r"(?:获|被|给予|授予|嘉奖|记|和|及|、|，|,|的|\d)$")
AWARD_LINE_END = re.compile(r"(?:获|嘉奖|记功)$")
CONTINUED_LINE = re.compile(r"^\s*(?:\d+\s*(?:人|名)|人次|人|名|[，、,])")
WORK_SINCE = re.compile(
    r"(\d{4})\s*年(?:\s*\d{1,2}\s*月(?:份)?)?\s*(?:参加工作|参加公安工作|参加公安|入警|从警|参警|入职|加入公安队伍)(的)?"
)
NICKNAME = re.compile(
    r"(?:称为|誉为|称作|叫作|叫他|叫她|喊他|喊她|称他为|称她为|称其为|昵称为|人称|外号)\s*[“「『‘\"](?P<nick>[^”」』’\"]{2,12})[”」』’\"]"
)
ANNOUNCES = re.compile(r"发文|下发|印发|通报|决定|表彰|作出|颁发|命名")
CAREER_WORDS = {"先后", "曾", "曾经", "多次", "历年", "累计", "屡次", "先后获得"}
TZ = datetime.timezone(datetime.timedelta(hours=8))


def detect_bureau(*places: str) -> str | None:
    for place in places:
        for match in BUREAU.finditer(place or ""):
            name = match.group(0).lstrip(BUREAU_LEADING_WORDS)
            if len(name) >= 5:
                return name
    return None


BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|首页\s*[>＞»/])|[>＞»]\s*正文\s*$")


def _metadata(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    for i, line in enumerate(lines[1:4], start=1):
        date = META_DATE.search(line)
        labelled = date and re.search("发布|时间|日期|发表", line[: date.start(1)])
        if date and not labelled and (re.search("[，。,]", line) or len(line) > 80):
            continue  # a paragraph that opens with its date (2023年6月12日，…) is text, not the page's data
        if date:
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in date.groups())
            try:
                published = datetime.datetime(y, mo, d, h, mi, s, tzinfo=TZ).isoformat()
            except ValueError:
                published = None
            source = META_SOURCE.search(line)
            return published, source.group(1) if source else None, lines[i + 1 :]
    return None, None, lines[1:]


def paragraphs_of(lines: list[str]) -> list[str]:
    """Lines, with a line broken in the middle of a figure (获嘉奖⏎12 人) joined back."""
    out: list[str] = []
    for line in lines:
        if out and OPEN_LINE_END.search(out[-1]) and (CONTINUED_LINE.match(line) or AWARD_LINE_END.search(out[-1])):
            out[-1] += line
        else:
            out.append(line)
    return out


class Reader:
    """One article read paragraph by paragraph, sentence by sentence, keeping the context described above."""

    def __init__(self, *, published: datetime.datetime | None, bureau: str | None, lexicon: Lexicon):
        self.published = (published.year, published.month) if published else None
        self.bureau = bureau
        self.lexicon = lexicon
        self.people: dict[str, dict] = {}
        self.figures: list[dict] = []
        self.default_year: int | None = published.year if published else None

    # ------------------------------------------------------------------------------------------------ people

    def find_people(self, sentences: list[str]) -> None:
        known = set(self.lexicon.names)
        for sentence in sentences:
            for mention in people.mentions(sentence, known | set(self.people)):
                person = self.people.setdefault(
                    mention.name,
                    {
                        "name": mention.name,
                        "category": mention.category,
                        "unit": None,
                        "work_since": None,
                        "nickname": None,
                        "honours": [],
                    },
                )
                person["unit"] = person["unit"] or mention.unit
                person["category"] = person["category"] or mention.category

    # -------------------------------------------------------------------------------------------- paragraphs

    def read_paragraph(self, paragraph: str, *, title: bool = False) -> None:
        self.year: When | None = None
        self.announcer: str | None = None
        self.mentioned: list[dict] = []
        # The subject carries into a new paragraph only through a pronoun (他/她/其).
        self.previous = getattr(self, "current", None) or getattr(self, "previous", None)
        self.current = None
        for sentence in (s for s in SENTENCE_END.split(paragraph) if s.strip()):
            self.read_sentence(sentence, title=title)

    def _when(self, token: Token, before: When | None) -> When:
        when = token.value
        if when.relative:
            context = before or self.year
            return When(context.year if context else None, when.month, when.start, when.end)
        return when

    def read_sentence(self, sentence: str, *, title: bool) -> None:
        tokens = tokenise(sentence, names=self.people, issuers=self.lexicon.issuers, published=self.published)
        if self.current is None and any(t.kind == "O" for t in tokens):
            self.current = self.previous  # 他/她 opening a paragraph: the person of the paragraph before
        self._attributes(sentence, tokens)
        proposal = any(t.kind == "K" for t in tokens)
        years = self._years(tokens)
        if not title and not proposal:
            phrases = grammar.honours(tokens)
            self._honours(sentence, tokens, phrases, years)
            self._figures(sentence, tokens, years)
            self._announce(tokens, phrases, sentence)
        if years and years[-1]:
            self.year = years[-1]
        self.current = self._subject_at(tokens, len(tokens))
        for token in tokens:
            if token.kind == "P" and self.people.get(token.value) not in self.mentioned:
                self.mentioned.append(self.people[token.value])

    def _years(self, tokens: list[Token]) -> list[When | None]:
        """The date in force at each token: the last one written before it in this sentence, or None."""
        out, last = [], None
        for token in tokens:
            if token.kind == "Y" and isinstance(token.value, When):
                last = self._when(token, last)
            out.append(last)
        return out

    def _subject_at(self, tokens: list[Token], index: int) -> dict | None:
        for token in reversed(tokens[:index]):
            if token.kind == "P":
                return self.people.get(token.value)
        return getattr(self, "current", None)

    def _attributes(self, sentence: str, tokens: list[Token]) -> None:
        for match in WORK_SINCE.finditer(sentence):
            person = self._person_near(tokens, match.start(), after=bool(match.group(2)))
            if person and not person["work_since"]:
                person["work_since"] = int(match.group(1))
        for match in NICKNAME.finditer(sentence):
            person = self._person_near(tokens, match.start(), after=False)
            if person and not person["nickname"]:
                person["nickname"] = match.group("nick")

    def _person_near(self, tokens: list[Token], offset: int, *, after: bool) -> dict | None:
        named = [t for t in tokens if t.kind == "P"]
        if after:
            later = [t for t in named if t.start >= offset]
            if later:
                return self.people.get(later[0].value)
        earlier = [t for t in named if t.start < offset]
        if earlier:
            return self.people.get(earlier[-1].value)
        return getattr(self, "current", None)

    # ------------------------------------------------------------------------------------------------ issuers

    def _issuer_name(self, token: Token | None) -> str | None:
        if token is None:
            return None
        if token.kind == "W":
            return self.bureau or token.text
        return token.value

    @staticmethod
    def _agents(tokens: list[Token]) -> set[int]:
        """Issuers that are the agent of a passive or the giver after 获 (被市公安局…, 获市公安局…): they are not the
        subject the rest of the sentence speaks of."""
        return {i for i, t in enumerate(tokens) if t.kind in "IW" and i and tokens[i - 1].kind in "BR"}

    def _subject_issuer(self, tokens: list[Token], before: int) -> str | None:
        agents = self._agents(tokens)
        for i in range(min(before, len(tokens)) - 1, -1, -1):
            if tokens[i].kind in "IW" and i not in agents:
                return self._issuer_name(tokens[i])
        return None

    def _issuer_for(self, phrase: grammar.Phrase, tokens: list[Token], sentence: str) -> str | None:
        if phrase.issuer is not None:
            return self._issuer_name(phrase.issuer)
        if phrase.rule in ("dui", "active", "announcement"):
            decided = self.bureau if "决定" in sentence else None
            return self._subject_issuer(tokens, phrase.start) or self.announcer or decided
        return self.announcer

    # ------------------------------------------------------------------------------------------------ honours

    def _recipients(self, phrase: grammar.Phrase, tokens: list[Token]) -> list[dict]:
        found = []
        for token in phrase.recipients:
            if token.kind == "P":
                found.append(self.people.get(token.value))
            elif token.kind == "O":
                found.append(self._subject_at(tokens, tokens.index(token)) or self.previous)
            else:
                found.extend(self.mentioned)
        if not phrase.recipients:
            before = [t for t in tokens[: phrase.start] if t.kind in "PO"]
            if before and before[-1].kind == "P":
                found.append(self.people.get(before[-1].value))
            elif before:
                found.append(self._subject_at(tokens, tokens.index(before[-1])) or self.previous)
            else:
                found.append(self.current)
        return list({id(p): p for p in found if p}.values())

    def _honours(self, sentence: str, tokens: list[Token], phrases: list[grammar.Phrase], years) -> None:
        resolved: list[tuple[grammar.Phrase, list[dict], str | None, When | None]] = []
        for phrase in phrases:
            if phrase.rule == "announcement":
                continue
            award_at = tokens.index(phrase.award)
            if phrase.continues and resolved:
                shared = any(t.kind == "F" for t in tokens[phrase.start : phrase.end])
                recipients = list({id(p): p for r in resolved for p in r[1]}.values()) if shared else resolved[-1][1]
                issuer = resolved[-1][2]
            else:
                recipients = self._recipients(phrase, tokens)
                issuer = self._issuer_for(phrase, tokens, sentence)
            # 先后/曾 tells of a career: without a date in the sentence, the paragraph's year is not theirs
            career = any(t.text in CAREER_WORDS for t in tokens[:award_at])
            resolved.append((phrase, recipients, issuer, years[award_at] or (None if career else self.year)))
        specific = [r for r in resolved if not r[0].is_generic]
        for phrase, recipients, issuer, _when in resolved:
            if phrase.is_generic and any(set(map(id, r[1])) & set(map(id, recipients)) for r in specific):
                for other in specific:  # 受到县委、县政府表彰，被授予“三八红旗手”称号: one honour, that issuer
                    if set(map(id, other[1])) & set(map(id, recipients)) and other[2] is None:
                        resolved[resolved.index(other)] = (other[0], other[1], issuer, other[3])
        for phrase, recipients, issuer, when in resolved:
            if phrase.is_generic and (
                issuer is None or any(set(map(id, r[1])) & set(map(id, recipients)) for r in specific)
            ):
                continue  # 多次受到表彰: too vague to propose; 受到县委表彰，被授予“…”称号: the named title stands
            title, code = (phrase.award.value, "honorary_title") if phrase.award.kind == "T" else phrase.award.value
            honour = {
                "title": title,
                "type": code,
                "issuer": issuer,
                "year": when.year if when else None,
                "month": when.month if when else None,
            }
            for person in recipients:
                if not any(
                    (h["title"], h["issuer"], h["year"]) == (title, issuer, honour["year"]) for h in person["honours"]
                ):
                    person["honours"].append(dict(honour))

    # ------------------------------------------------------------------------------------------------ figures

    def _figures(self, sentence: str, tokens: list[Token], years) -> None:
        for phrase in grammar.figures(tokens):
            when = years[tokens.index(phrase.award)] or self.year
            award = phrase.award
            if award.kind == "A":
                kind, title = award.value[1], None
                issuer = self._issuer_for(phrase, tokens, sentence)
                if phrase.rule not in ("dui", "active") and phrase.issuer is None:
                    issuer = self._subject_issuer(tokens, phrase.start) or self.announcer
            else:
                kind, title, issuer = None, award.value if award.kind == "T" else award.text, None
            if kind is None and title is None:
                continue  # 9名民警辅警获得县级以上表彰: a count of no award in particular
            figure = {
                "issuer": issuer,
                "type": kind,
                "title": title,
                "count": phrase.count,
                "year": when.year if when and when.year else self.default_year,
            }
            if figure not in self.figures:
                self.figures.append(figure)

    def _announce(self, tokens: list[Token], phrases: list[grammar.Phrase], sentence: str) -> None:
        """An issuer that announces honours in a sentence naming nobody gives them to the sentences after it."""
        if any(p.recipients for p in phrases if p.rule != "announcement") or not ANNOUNCES.search(sentence):
            return
        for phrase in phrases:
            if phrase.rule == "announcement":
                self.announcer = self._issuer_for(phrase, tokens, sentence) or self.announcer
                return
        self.announcer = self._subject_issuer(tokens, len(tokens)) or self.announcer


def _first_year(texts: list[str], published) -> int | None:
    for text in texts:
        for when in dates_in(text, published):
            if when.year and not when.relative:
                return when.year
    return None


def extract(text: str, *, lexicon: Lexicon | None = None, bureau: str | None = None, on_progress=None) -> dict:
    """Title, publication, bureau, people with honours and figures from repaired text; `on_progress(done, total)`
    is called after each paragraph (a long file shows its progress)."""
    lexicon = lexicon or Lexicon()
    load(lexicon)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    while len(lines) > 1 and BREADCRUMB.search(lines[0]):
        lines = lines[1:]  # 首页 > 警务动态 > 正文: the site's path, not the title
    title = lines[0] if lines else ""
    published_at, source, body = _metadata(lines)
    published = datetime.datetime.fromisoformat(published_at) if published_at else None
    paragraphs = paragraphs_of(body)
    bureau = bureau or detect_bureau(title, source or "", *paragraphs[:2])
    reader = Reader(published=published, bureau=bureau, lexicon=lexicon)
    reader.find_people([title] + [s for p in paragraphs for s in SENTENCE_END.split(p) if s.strip()])
    month = (published.year, published.month) if published else None
    reader.default_year = _first_year([title, *paragraphs[:1]], month) or (published.year if published else None)
    reader.current = None
    reader.read_paragraph(title, title=True)
    for done, paragraph in enumerate(paragraphs, start=1):
        reader.read_paragraph(paragraph)
        if on_progress:
            on_progress(done, len(paragraphs))
    return {
        "title": title,
        "published_at": published_at,
        "source": source,
        "bureau": bureau,
        "people": list(reader.people.values()),
        "figures": reader.figures,
    }
