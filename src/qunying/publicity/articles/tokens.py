"""A sentence → typed tokens for the phrase grammar (grammar.py): quoted titles, people, dates, counts, issuers and
award words are marked first; what is left is segmented by jieba (with the user dictionary) and tagged by word.

Kinds (one letter each, so the grammar can be written as patterns over a string of kinds):
P person · O pronoun (其, 他) · L a group (两人, 上述同志) · I issuer (joint issuers are one) · W the bureau itself as
an issuer (局党委, 局本级) · U the bureau as a subject (该局, 全局) · T quoted title · Q count of times (2次) ·
N count of people (12 人, 十六名) · Y date · A award (嘉奖, 三等功, 通报表扬, 记功, 表彰) · C collective award ·
B passive (被, 受到) · G grant (授予, 评为, 记, 给予, 予以) · R receive (获, 荣获, 获评, 荣立, 入选, 当选) · D 对 ·
F 分别 · J continuation (并, 同时, 又) · Z selection (评选出) · K proposal (拟推荐, 人选) · M naming (称为, 誉为) ·
H 称号 · E 等 · S clause separator · c 、 · h 和/及/与 · v 本级 · t an unquoted prize (提名奖) · X anything else.
"""

import itertools
import re
from dataclasses import dataclass
from typing import Any

from qunying.publicity.articles import lexicon
from qunying.publicity.articles.numbers import NUMBER, dates_in, parse_number

HAN = r"\u4e00-\u9fff"
QUOTES = {
    "“": "”",
    "「": "」",
    "『": "』",
    "‘": "’",
    '"': '"',
    "'": "'",
    "＂": "＂",
    "＇": "＇",
    "〝": "〞",
    "《": "》",
}
AWARDS = {  # award word → (title, AwardType code); a collective award is recognised and left out
    "个人一等功": ("一等功", "merit_class_1"),
    "个人二等功": ("二等功", "merit_class_2"),
    "个人三等功": ("三等功", "merit_class_3"),
    "一等功": ("一等功", "merit_class_1"),
    "二等功": ("二等功", "merit_class_2"),
    "三等功": ("三等功", "merit_class_3"),
    "通报表扬": ("通报表扬", "public_praise"),
    "通报嘉奖": ("嘉奖", "commendation"),
    "通报表彰": ("通报表扬", "public_praise"),
    "个人嘉奖": ("嘉奖", "commendation"),
    "嘉奖": ("嘉奖", "commendation"),
    "记功": ("记功", "aux_merit"),
    "表彰": ("表彰", None),
}
AWARD_RE = re.compile(
    r"(?P<collective>集体)?(?P<award>个人[一二三]等功|[一二三]等功|通报表扬|通报嘉奖|通报表彰|个人嘉奖|嘉奖(?!令)|记功"
    r"|表彰(?!大会|会|决定|先进|通报|名单|奖励|活动|暨|的|工作|典型))"
)
SPECIAL = [  # (pattern, kind) marked before issuers
    (r"局党委会|局党委|局党组|党委会", "W"),
    (r"我局|本局|该局|全局|全县|全市|全区|我县|我市", "U"),
    (r"本级", "v"),
    (r"拟[\u4e00-\u9fff]{0,2}?(?:推荐|评选|表彰|授予|记|给予|命名|上报)|候选人|推荐人选|人选", "K"),
]
COUNT = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>人次|名(?!义|单|称|牌)|人(?!民|员|选|士|家|们|物|群|口|次)|个|次)")
# Issuers: a name ending in an organ's word, reaching left until a word that cannot be part of it.
ORG_SUFFIX = (
    "公安部|公安厅|公安局|公安分局|公安处|分局|市局|县局|区局|省厅|政法委员会|政法委|组织部|宣传部|统战部|人社厅|人社局"
    "|人力资源和社会保障厅|人力资源和社会保障局|文明委|文明办|妇联|总工会|团委|禁毒委|禁毒办|综治委|综治办|指挥部"
    "|委员会|办公室|人民政府|政府|防控办|疫情办|检察院|法院|纪委|监委|武装部|市委|县委|区委|省委|州委|党委|委|办|局|厅|部"
    "|联合会"
)
ORG_END = re.compile(rf"(?:{ORG_SUFFIX})")
SPECIFIC_SUFFIX = re.compile(
    r"(?:公安部|公安厅|公安局|分局|指挥部|委员会|办公室|政府|政法委|组织部|文明委|文明办|妇联)$"
)
ORG_STOP_WORDS = (
    "获得|荣获|获评|获|被|受到|给予|授予|予以|对|在|根据|据|经|由|向|和|及|与|的|是|为|决定|研究|联合|会同|并|其"
    "|将|把|从|于|同|又|还|也|均|曾|分别|提起|记|评|今年|去年|年度|年|月|日|先后|现任|现为|担任"
)
ORG_STOP = re.compile(rf"(?:{ORG_STOP_WORDS})$")
PLACE = re.compile(r"^(?:中共|中央|国务院|全国|中华全国|国家|公安部|共青团)|[省市县区州旗盟镇乡]")
JOINERS = {"、": "c", "和": "h", "及": "h", "与": "h", "以及": "h"}
WORDS = {  # jieba word → kind
    "被": "B", "受到": "B",
    "授予": "G", "评为": "G", "评选为": "G", "表彰为": "G", "命名为": "G", "追授": "G", "追记": "G", "记": "G",
    "给予": "G", "予以": "G", "颁发": "G", "确定为": "G", "评定为": "G", "认定为": "G", "授": "G",
    "获": "R", "获得": "R", "荣获": "R", "荣记": "R", "获评": "R", "荣立": "R", "入选": "R", "当选": "R", "荣膺": "R",
    "喜获": "R", "斩获": "R", "再获": "R", "又获": "R", "获授": "R", "获颁": "R", "摘得": "R", "立": "R",
    "对": "D", "分别": "F",
    "并": "J", "并于": "J", "同时": "J", "又": "J", "还": "J", "并被": "J",
    "评选出": "Z", "评出": "Z", "选出": "Z", "评选产生": "Z", "产生": "Z",
    "称为": "M", "誉为": "M", "称作": "M", "叫作": "M", "叫": "M", "喊": "M", "称": "M", "昵称": "M", "人称": "M",
    "等": "E", "等同志": "E", "称号": "H", "荣誉称号": "H", "光荣称号": "H",
    "其": "O", "他": "O", "她": "O", "该同志": "O", "其本人": "O",
    "两人": "L", "二人": "L", "他们": "L", "她们": "L", "以上同志": "L", "上述同志": "L",
    "，": "S", ",": "S", "；": "S", ";": "S", "：": "S", ":": "S",
}  # fmt: skip
GRAMMAR_WORDS = [w for w in WORDS if len(w) > 1]
TITLE_VERBS = {"评为", "评选为", "获评", "当选", "入选", "荣获", "授予", "荣膺", "表彰为", "命名为"}
TITLE_ENDING = re.compile(
    r"(?:民警|辅警|警察|警官|标兵|之星|模范|先进个人|先进工作者|好人|能手|卫士|英雄|党员|红旗手|青年|楷模|人物|典型|榜样"
    r"|干部|工作者|尖兵|状元|巾帼|劳模|劳动模范|好警嫂|奖章|奖状|勋章|最美[\u4e00-\u9fff]{1,4})$"
)
PRIZE = re.compile(r"^[\u4e00-\u9fff]{1,4}奖$")


@dataclass
class Token:
    kind: str
    text: str
    start: int
    end: int
    value: Any = None


def _free(taken: list[bool], start: int, end: int) -> bool:
    return not any(taken[start:end])


def _mark(spans: list[Token], taken: list[bool], token: Token) -> None:
    spans.append(token)
    for i in range(token.start, token.end):
        taken[i] = True


def _quotes(sentence: str, spans, taken, published) -> None:
    i = 0
    while i < len(sentence):
        closer = QUOTES.get(sentence[i])
        end = sentence.find(closer, i + 1) if closer else -1
        if closer and 0 < end - i <= 31 and not re.search("[。！？\n]", sentence[i + 1 : end]):
            inner = sentence[i + 1 : end].strip()
            token = Token("T", sentence[i : end + 1], i, end + 1, inner)
            if sentence[i] == "《":  # a document's name: only its date counts (《关于表彰2021年度…的决定》)
                dated = [w for w in dates_in(inner, published) if w.year]
                token.kind, token.value = ("Y", dated[0]) if dated else ("X", inner)
            _mark(spans, taken, token)
            i = end + 1
        else:
            i += 1


def _orgs(sentence: str, spans, taken, known_issuers) -> None:
    for name in sorted(known_issuers, key=len, reverse=True):
        for match in re.finditer(re.escape(name), sentence):
            if _free(taken, *match.span()):
                _mark(spans, taken, Token("I", name, match.start(), match.end(), name))
    suffixes = [(i, i + len(m.group(0)), m.group(0)) for i in range(len(sentence)) if (m := ORG_END.match(sentence, i))]
    found = []
    for suffix_start, end, suffix in suffixes:
        if not _free(taken, suffix_start, end) or any(
            s < end < e or s == end for s, e, _ in suffixes
        ):  # a longer name goes on (市委 + 政法委, 防控办 → 办公室): it is found at its own end
            continue
        start = suffix_start
        while start > 0 and end - start < 14 and re.match(f"[{HAN}]", sentence[start - 1]) and not taken[start - 1]:
            if ORG_STOP.search(sentence[:start]) and not sentence[:start].endswith(("中共", "共青团")):
                break
            start -= 1
        name = sentence[start:end]
        if len(name) >= 2 and (PLACE.search(name[: -len(suffix)] or name) or SPECIFIC_SUFFIX.search(name)):
            found.append((start, end, name))
    kept = []
    for start, end, name in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, name))
    for start, end, name in kept:
        if _free(taken, start, end) and not (len(name) <= 3 and name[-1] in "委办局厅部" and not PLACE.search(name)):
            _mark(spans, taken, Token("I", name, start, end, name))


def _join_issuers(tokens: list[Token], sentence: str) -> list[Token]:
    """I (、|和|及|与) I (联合)? → one joint issuer, written with 、."""
    out: list[Token] = []
    for token in tokens:
        if (
            token.kind == "I"
            and len(out) >= 2
            and out[-1].kind in ("c", "h")
            and out[-2].kind == "I"
            and out[-1].end == token.start
        ):
            joiner = out.pop()
            first = out.pop()
            del joiner
            out.append(
                Token("I", sentence[first.start : token.end], first.start, token.end, f"{first.value}、{token.value}")
            )
        else:
            out.append(token)
    return out


def tokenise(sentence: str, *, names=(), issuers=(), published=None) -> list[Token]:
    lexicon.add_words(GRAMMAR_WORDS, "v")
    taken = [False] * len(sentence)
    spans: list[Token] = []
    _quotes(sentence, spans, taken, published)
    for name in sorted(set(names), key=len, reverse=True):
        for match in re.finditer(re.escape(name), sentence):
            if _free(taken, *match.span()):
                _mark(spans, taken, Token("P", name, match.start(), match.end(), name))
    for when in dates_in(sentence, published):
        if _free(taken, when.start, when.end):
            _mark(spans, taken, Token("Y", sentence[when.start : when.end], when.start, when.end, when))
    for match in COUNT.finditer(sentence):
        number = parse_number(match.group("n"))
        if number is not None and _free(taken, *match.span()):
            kind = {"个": "n", "次": "Q"}.get(match.group("unit"), "N")
            _mark(spans, taken, Token(kind, match.group(0), match.start(), match.end(), number))
    for match in AWARD_RE.finditer(sentence):
        if _free(taken, *match.span()):
            title, code = AWARDS[match.group("award")]
            kind = "C" if match.group("collective") else "A"
            _mark(spans, taken, Token(kind, match.group(0), match.start(), match.end(), (title, code)))
    for pattern, kind in SPECIAL:
        for match in re.finditer(pattern, sentence):
            if _free(taken, *match.span()):
                _mark(spans, taken, Token(kind, match.group(0), match.start(), match.end(), match.group(0)))
    _orgs(sentence, spans, taken, issuers)
    tokens = sorted(spans, key=lambda t: t.start)
    out: list[Token] = []
    cursor = 0
    for token in [*tokens, None]:
        gap_end = token.start if token else len(sentence)
        if gap_end > cursor:
            out.extend(_words(sentence[cursor:gap_end], cursor))
        if token:
            out.append(token)
            cursor = token.end
    for before, after in itertools.pairwise(out):
        if before.text == "局" and after.kind == "v":  # 受到局本级嘉奖: the bureau itself
            before.kind = "W"
    return _unquoted_titles(_join_issuers(out, sentence), sentence)


def _unquoted_titles(tokens: list[Token], sentence: str) -> list[Token]:
    """A title written without quotes: the words between a verb (or the recipient after it) and 称号 (授予全省优秀
    人民警察称号), or after 评为/获评/当选/入选 up to the end of the clause when they end like a title (被评为全市
    优秀共产党员). A date between the verb and the words is not part of the title."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        out.append(token)
        i += 1
        if token.kind not in "GRPO":
            continue
        while i < len(tokens) and tokens[i].kind == "Y":
            out.append(tokens[i])
            i += 1
        j = i
        while j < len(tokens) and (
            (tokens[j].kind in "XU" and re.fullmatch(f"[{HAN}]+", tokens[j].text.strip())) or tokens[j].kind == "c"
        ):
            j += 1
        if j == i or tokens[j - 1].kind == "c":
            continue
        text = sentence[tokens[i].start : tokens[j - 1].end]
        ends_clause = j == len(tokens) or tokens[j].kind in "SJ" or tokens[j].text.strip() in ("。", "！", "；")
        titled = j < len(tokens) and (
            tokens[j].kind == "H" or (tokens[j].kind == "E" and j + 1 < len(tokens) and tokens[j + 1].kind == "H")
        )
        named = token.kind in "GR" and token.text in TITLE_VERBS and ends_clause and TITLE_ENDING.search(text)
        if "、" in text and not titled:
            continue
        if titled or named:
            # 荣获全省优秀人民警察、东州市劳动模范等称号: one title each, joined as the article joins them
            position = tokens[i].start
            for part in text.split("、"):
                out.append(Token("T", part, position, position + len(part), part))
                out.append(Token("c", "、", position + len(part), position + len(part) + 1, "、"))
                position += len(part) + 1
            out.pop()
            i = j
    return out


def _words(text: str, offset: int) -> list[Token]:
    out = []
    position = offset
    for word in lexicon.jieba().cut(text):
        stripped = word.strip()
        kind = JOINERS.get(stripped) or WORDS.get(stripped, "X")
        if kind == "X" and PRIZE.match(stripped) and not stripped.endswith(("嘉奖", "大奖")):
            kind = "t"
        if stripped:
            out.append(Token(kind, word, position, position + len(word), stripped))
        position += len(word)
    return out


def kinds(tokens: list[Token]) -> str:
    return "".join(token.kind if len(token.kind) == 1 else "X" for token in tokens)
