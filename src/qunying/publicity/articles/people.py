"""Who is an officer in an article: a name right after 民警/辅警 or a post (所长, 教导员, 大队长), or the head of a
公示 list item (1. 杨光明，男，…); the unit written before the label; where a name ends (jieba's dictionary decides
between 张立新 and 刘洋冒雨). A citizen (余某某, 李女士) is not an officer."""

import re
from dataclasses import dataclass

from qunying.publicity.articles import lexicon

HAN = r"\u4e00-\u9fff"
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝揭蓟鄢冼粟蔺楼"
)
COMPOUND_SURNAMES = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "钟离", "端木", "澹台", "申屠", "南宫", "西门", "独孤", "百里", "呼延",
}  # fmt: skip
AUXILIARY_LABELS = "文职辅警|勤务辅警|女辅警|辅警|协警|警务辅助人员"
POLICE_LABELS = (
    "社区民警|女民警|老民警|民警|交警|特警|刑警|巡警|网警|户籍警|警长|副所长|所长|副教导员|教导员|指导员|副大队长"
    "|大队长|副中队长|中队长|副支队长|支队长|政委|副局长|局长|探长|警官|侦查员|干警"
)
LABEL = re.compile(rf"(?P<aux>{AUXILIARY_LABELS})|(?P<police>{POLICE_LABELS})")
NOT_IN_NAMES = set("的了在是和与及等被把将对向从于为个们这那其他她它也都就并又还曾已某说称")
AFTER_NAME = set('等、，,。；;：:（(“"在被获荣同带于自从曾是为和与及说')
LIST_ITEM = re.compile(
    rf"^\s*(?:\d+\s*[.、．]|[（(]?[一二三四五六七八九十]+[)）、.．])?\s*(?P<name>[{HAN}]{{2,4}})\s*[，,]\s*[男女]\s*[，,]"
)
COMRADE = re.compile(rf"^(?P<name>[{HAN}]{{2,4}}?)同志(?:现任|现为|系|是|任|，|,)")
POLICE_SIGNS = re.compile(r"民警|警长|所长|教导员|指导员|大队长|中队长|支队长|政委|局长|警衔|参加公安工作|入警|从警")
UNIT_SUFFIX = re.compile(
    rf"[{HAN}]{{1,12}}(?:派出所|大队|中队|支队|分局|警务室|警务站|看守所|拘留所|戒毒所|指挥中心|科|室|所|队)$"
)
UNIT_STOP = re.compile(
    r".*(?:的|和|与|及|对|在|是|为|把|将|由|向|给予|授予|评为|记|获|被|提起|现任|现为|担任|任|系|公安局|公安厅|、|等)"
)
SENTENCE_UNIT = re.compile(rf"^在[{HAN}]*?公安局(?P<unit>[{HAN}]{{2,10}}?(?:派出所|大队|中队|支队|警务室))[，,]")
CITIZEN_AFTER = re.compile(r"^(?:女士|先生|师傅|老人|大爷|大妈|阿姨|同学|某)")


@dataclass
class Mention:
    name: str
    category: str | None
    start: int
    end: int
    unit: str | None = None


def _dictionary_word_at(text: str, pos: int) -> bool:
    """A common word (frequency ≥ 50) starts at `pos`: 荣立, 等同, 冒雨 — the name ended just before."""
    return any(lexicon.word_frequency(text[pos : pos + n]) >= 50 for n in (2, 3, 4) if pos + n <= len(text))


def name_at(text: str, pos: int, known: set[str]) -> str | None:
    """The person's name starting at `pos`, or None: surname + one or two characters, where jieba's dictionary
    decides where it ends; a name known to the database wins when it is longer, or ends where a name can end."""
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    guess = _guess_name(text, pos)
    if guess in known:
        return guess
    for length in (4, 3, 2):
        name = text[pos : pos + length]
        if name in known and (
            not guess or len(name) > len(guess) or _ends_here(text, pos + length) or len(name) == len(guess)
        ):
            return name
    return guess


def _ends_here(text: str, end: int) -> bool:
    return (
        end >= len(text)
        or not re.match(f"[{HAN}]", text[end])
        or text[end] in AFTER_NAME
        or _dictionary_word_at(text, end)
    )


def _guess_name(text: str, pos: int) -> str | None:
    surname = 2 if text[pos : pos + 2] in COMPOUND_SURNAMES else 1
    if surname == 1 and (pos >= len(text) or text[pos] not in SURNAMES):
        return None
    given = text[pos + surname : pos + surname + 2]
    if not given or not re.match(f"[{HAN}]", given[0]) or given[0] in NOT_IN_NAMES:
        return None
    third = given[1:2]
    if (
        not third
        or not re.match(f"[{HAN}]", third)
        or third in NOT_IN_NAMES
        or third in AFTER_NAME
        or _dictionary_word_at(text, pos + surname + 1)
    ):
        name = text[pos : pos + surname + 1]
    else:
        name = text[pos : pos + surname + 2]
    rest = text[pos + len(name) :]
    if "某" in name or CITIZEN_AFTER.match(rest) or lexicon.is_common_word(name):
        return None  # a citizen, or a common word that happens to start with a surname (高度, 周末)
    return name


def unit_before(text: str, pos: int) -> str | None:
    """The unit written right before a label (城关派出所民警…); None for 该局/本局 or no unit."""
    head = re.search(f"[{HAN}]{{1,24}}$", text[:pos])
    if not head:
        return None
    candidate = head.group(0)
    stop = UNIT_STOP.match(candidate)
    if stop:
        candidate = candidate[stop.end() :]
    if len(candidate) < 3 or not UNIT_SUFFIX.search(candidate) or candidate.startswith(("该", "本", "其", "全", "我")):
        return None
    return candidate


def mentions(sentence: str, known: set[str]) -> list[Mention]:
    """Officers named in a sentence: after a label, or at the head of a list item."""
    found: list[Mention] = []
    item = LIST_ITEM.match(sentence)
    if item:
        category = "auxiliary" if "辅警" in sentence else ("police" if POLICE_SIGNS.search(sentence) else None)
        unit = None
        for label in LABEL.finditer(sentence, item.end()):
            unit = unit_before(sentence, label.start())
            if unit:
                break
        found.append(Mention(item.group("name"), category, item.start("name"), item.end("name"), unit))
    comrade = COMRADE.match(sentence)
    if (
        comrade
        and not item
        and (comrade.group("name")[:1] in SURNAMES or comrade.group("name")[:2] in COMPOUND_SURNAMES)
    ):
        rest = sentence[comrade.end() :]
        category = (
            "auxiliary" if re.match(rf"[{HAN}]*?辅警", rest) else ("police" if POLICE_SIGNS.search(rest) else None)
        )
        unit = next((u for label in LABEL.finditer(sentence) if (u := unit_before(sentence, label.start()))), None)
        found.append(Mention(comrade.group("name"), category, 0, comrade.end("name"), unit))
    for label in LABEL.finditer(sentence):
        name = name_at(sentence, label.end(), known)
        if not name:
            continue
        start = sentence.index(name, label.end())
        category = "auxiliary" if label.group("aux") else "police"
        unit = unit_before(sentence, label.start())
        if unit is None and (context := SENTENCE_UNIT.match(sentence)):
            unit = context.group("unit")
        found.append(Mention(name, category, start, start + len(name), unit))
        found.extend(_listed_after(sentence, start + len(name), category, known))
    return found


def _listed_after(sentence: str, end: int, category: str, known: set[str]) -> list[Mention]:
    """民警张三、李四、王五等同志: the names listed after a labelled one share its label, when the list ends as
    lists of people end (等, 同志, 被, 获, 荣, 分别, a comma)."""
    listed = []
    while sentence[end : end + 1] == "、":
        name = name_at(sentence, end + 1, known)
        if not name or LABEL.match(sentence, end + 1):
            break
        listed.append(Mention(name, category, end + 1, end + 1 + len(name)))
        end += 1 + len(name)
    if listed and not re.match(r"(?:等|同志|被|获|荣|分别|均|在|[，,。；])", sentence[end : end + 2]):
        return []
    return listed
