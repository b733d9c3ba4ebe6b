"""Invented names for the synthetic province: places, stations and people, all drawn from a seeded generator."""

import random

PROVINCE = "江淮省"
# Two-character place names; joined with a suffix they make cities (市), counties (县/区) and stations (派出所).
PLACE_SYLLABLES = [
    "青阳",
    "临川",
    "云溪",
    "安平",
    "长丰",
    "宁远",
    "东湖",
    "西岭",
    "南塘",
    "北固",
    "清河",
    "白马",
    "凤台",
    "龙泉",
    "金寨",
    "玉山",
    "桐城",
    "松滋",
    "柏林",
    "梅岭",
    "兰亭",
    "竹溪",
    "荷塘",
    "桃源",
    "杏花",
    "石门",
    "铜陵",
    "银湖",
    "泉口",
    "新桥",
    "古城",
    "永安",
    "太和",
    "嘉禾",
    "丰乐",
    "广德",
    "明光",
    "怀宁",
    "潜山",
    "望江",
    "宿松",
    "岳西",
    "来安",
    "全椒",
    "定远",
    "凤阳",
    "天长",
    "五河",
    "固镇",
    "灵璧",
    "泗县",
    "萧山",
    "砀山",
    "利辛",
    "蒙城",
    "涡阳",
    "颍上",
    "阜南",
    "霍邱",
    "舒城",
    "庐江",
    "无为",
    "含山",
    "和州",
    "当涂",
    "繁昌",
    "南陵",
    "泾川",
    "旌德",
    "绩溪",
    "黟山",
    "祁门",
    "休宁",
    "歙州",
    "宣城",
    "郎溪",
    "黄山",
    "九华",
    "齐云",
    "天柱",
]
STATION_SUFFIXES = ("街", "镇", "乡", "路", "湖", "山", "桥", "港", "坝", "集", "店", "岗", "圩", "庄", "埠")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林峰坤晨阳建国志文海洋亮成东"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英华慧巧美琳颖倩婷雪琴晶妍茜秋珊莎锦黛青倩婉娴瑾颖露瑶怡婵雁蓓"


def place_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct two- or four-character place names (pairs of syllables once the single ones run out)."""
    names = list(PLACE_SYLLABLES)
    rng.shuffle(names)
    if count <= len(names):
        return names[:count]
    pairs = [a + b[:1] for a in PLACE_SYLLABLES for b in PLACE_SYLLABLES if a != b]
    rng.shuffle(pairs)
    return (names + pairs)[:count]


def station_names(rng: random.Random, count: int) -> list[str]:
    """Distinct station names under one county: a place, a suffix and 派出所 (城关派出所, 龙泉镇派出所 …)."""
    seen, names = set(), []
    while len(names) < count:
        name = f"{rng.choice(PLACE_SYLLABLES)}{rng.choice(STATION_SUFFIXES)}派出所"
        if name in seen:
            name = f"{name[:-3]}{len(names) + 1}号派出所" if name[:-3] + "派出所" in seen else name
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def person_name(rng: random.Random, male: bool) -> str:
    given = GIVEN_MALE if male else GIVEN_FEMALE
    first = rng.choice(given)
    return rng.choice(SURNAMES) + (first if rng.random() < 0.3 else first + rng.choice(given))
