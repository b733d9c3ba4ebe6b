"""The phrase grammar of honours and figures: one test per family of phrasing official police news uses."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qunying.publicity.articles import ArticleError, extract, read_article
from qunying.publicity.articles.numbers import parse_number

HEAD = "测试县公安局：先进典型\n发布时间：2023-06-12 10:00 来源：政治处\n"


def read(body: str) -> dict:
    return extract(HEAD + body)


def honours_of(body: str, name: str) -> list[tuple]:
    person = next(p for p in read(body)["people"] if p["name"] == name)
    return [(h["title"], h["type"], h["issuer"], h["year"]) for h in person["honours"]]


def figures_of(body: str) -> list[tuple]:
    return [(f["issuer"], f["type"], f["title"], f["count"], f["year"]) for f in read(body)["figures"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # passive: 被……授予……称号, 被评为, 被……记个人三等功, 受到……表彰, 给予嘉奖
        (
            "民警张建伟2021年被省公安厅授予“全省优秀人民警察”称号。",
            ("全省优秀人民警察", "honorary_title", "省公安厅", 2021),
        ),
        ("民警张建伟被评为“最美民警”。", ("最美民警", "honorary_title", None, None)),
        ("民警张建伟2022年被市公安局记个人三等功。", ("三等功", "merit_class_3", "市公安局", 2022)),
        ("民警张建伟去年受到省公安厅通报表扬。", ("通报表扬", "public_praise", "省公安厅", 2022)),
        ("民警张建伟被给予嘉奖。", ("嘉奖", "commendation", None, None)),
        # active: 获评, 荣获, 获……称号, 荣立个人二等功, 入选, 当选, 对……予以通报表扬, 授予其
        ("民警张建伟获评市公安局“最美社区民警”。", ("最美社区民警", "honorary_title", "市公安局", None)),
        ("民警张建伟荣获2022年度“青山好人”称号。", ("青山好人", "honorary_title", None, 2022)),
        ("民警张建伟获“全省优秀社区民警”称号。", ("全省优秀社区民警", "honorary_title", None, None)),
        ("民警张建伟今年荣立个人二等功。", ("二等功", "merit_class_2", None, 2023)),
        ("民警张建伟2020年入选全省公安机关“百名刑侦专家”。", ("百名刑侦专家", "honorary_title", None, 2020)),
        ("民警张建伟2021年当选“感动青山十大人物”。", ("感动青山十大人物", "honorary_title", None, 2021)),
        (
            "城关派出所民警张建伟冒雨救人，县防汛指挥部对其予以通报表扬。",
            ("通报表扬", "public_praise", "县防汛指挥部", None),
        ),
        ("民警张建伟勇救落水儿童，县文明委授予其“青山好人”称号。", ("青山好人", "honorary_title", "县文明委", None)),
        ("民警张建伟立功，县公安局给予张建伟嘉奖一次。", ("嘉奖", "commendation", "县公安局", None)),
        # titles in any quotes, with or without 称号, with a modifier before them
        ("民警张建伟被评为「全省最美辅警」。", ("全省最美辅警", "honorary_title", None, None)),
        ('民警张建伟被评为"清河好人"。', ("清河好人", "honorary_title", None, None)),
        ("民警张建伟被评为‘巾帼建功标兵’。", ("巾帼建功标兵", "honorary_title", None, None)),
        ("民警张建伟被评为'最美辅警'。", ("最美辅警", "honorary_title", None, None)),
        ("民警张建伟被评为见义勇为“青山好人”。", ("青山好人", "honorary_title", None, None)),
        ("民警张建伟被省公安厅授予全省优秀人民警察称号。", ("全省优秀人民警察", "honorary_title", "省公安厅", None)),
        ("民警张建伟被评为全市优秀共产党员。", ("全市优秀共产党员", "honorary_title", None, None)),
    ],
)
def test_each_phrasing_gives_the_honour(body, expected):
    assert honours_of(body, "张建伟") == [expected]


def test_one_sentence_giving_several_honours_gives_each_with_the_issuer_it_shares():
    body = "辅警赵永强被市公安局评选为2022年度“辅警之星”并记功，今年3月又被评为见义勇为“青山好人”。"
    assert honours_of(body, "赵永强") == [
        ("辅警之星", "honorary_title", "市公安局", 2022),
        ("记功", "aux_merit", "市公安局", 2022),
        ("青山好人", "honorary_title", None, 2023),
    ]


def test_titles_listed_before_称号_are_each_an_honour():
    body = "老民警陆德海从警37年，先后荣获全省优秀人民警察、东州市劳动模范等称号。"
    assert [h[0] for h in honours_of(body, "陆德海")] == ["全省优秀人民警察", "东州市劳动模范"]


def test_a_career_list_gives_each_award_without_the_paragraphs_year():
    body = "2023年，民警张建伟转岗。他先后获得个人嘉奖3次、三等功2次，多次受到上级表彰。"
    assert honours_of(body, "张建伟") == [
        ("嘉奖", "commendation", None, None),
        ("三等功", "merit_class_3", None, None),
    ]  # 多次受到上级表彰: too vague to propose


def test_x等同志_gives_the_named_person_the_honour():
    body = "近日，市公安局下发通报，对网安大队民警尹志鹏等同志予以通报表扬。"
    assert honours_of(body, "尹志鹏") == [("通报表扬", "public_praise", "市公安局", 2023)]


def test_x等n名同志_gives_the_named_people_the_honour_and_a_figure():
    body = "经局党委研究，决定对民警邹建军、辅警冯海涛等15名同志予以通报表扬。"
    assert honours_of(body, "邹建军") == [("通报表扬", "public_praise", "测试县公安局", None)]
    assert honours_of(body, "冯海涛") == [("通报表扬", "public_praise", "测试县公安局", None)]
    assert figures_of(body) == [("测试县公安局", "public_praise", None, 15, 2023)]


def test_several_recipients_of_one_grant_and_分别_share_the_honours():
    body = "县公安局决定授予治安大队民警蒋文斌、城南派出所民警苏婷“最美民警”称号，并分别给予嘉奖一次。"
    for name in ("蒋文斌", "苏婷"):
        assert honours_of(body, name) == [
            ("最美民警", "honorary_title", "县公安局", None),
            ("嘉奖", "commendation", "县公安局", None),
        ]


def test_an_issuer_announcing_gives_its_honours_to_the_sentences_after_it():
    body = "6月28日，省公安厅及省禁毒委联合发文，对表现突出的集体和个人进行表彰。禁毒大队民警石磊荣立个人二等功。"
    assert honours_of(body, "石磊") == [("二等功", "merit_class_2", "省公安厅、省禁毒委", 2023)]


def test_受到表彰_and_a_named_title_in_one_sentence_are_one_honour():
    body = "辅警欧阳青青2023年受到县委、县政府表彰，被授予“三八红旗手”称号。"
    assert honours_of(body, "欧阳青青") == [("三八红旗手", "honorary_title", "县委、县政府", 2023)]


@pytest.mark.parametrize(
    "body",
    [
        "关于拟推荐民警张建伟为“全市优秀人民警察”人选的公示。",  # a proposal is no honour
        "民警张建伟被群众亲切地称为“路口守护人”。",  # a nickname is no honour
        "群众为民警张建伟送来写有“人民好警察”的锦旗。",  # a banner is no honour
        "禁毒大队荣获集体二等功，民警张建伟参与其中。",  # a collective award is the unit's
    ],
)
def test_what_is_not_an_honour_gives_none(body):
    assert honours_of(body, "张建伟") == []


def test_names_listed_after_a_labelled_one_share_the_label_and_the_honour():
    body = "城关派出所民警张三、李四、王五等同志被市公安局记个人三等功。民警赵六、王局长出席。"
    people = {p["name"]: p for p in read(body)["people"]}
    assert list(people) == ["张三", "李四", "王五", "赵六"]  # 王局长 is no officer's name
    for name in ("张三", "李四", "王五"):
        assert honours_of(body, name) == [("三等功", "merit_class_3", "市公安局", None)]


def test_a_national_body_and_an_unquoted_medal():
    body = "民警张建伟2020年被中华全国总工会授予全国五一劳动奖章。"
    assert honours_of(body, "张建伟") == [("全国五一劳动奖章", "honorary_title", "中华全国总工会", 2020)]


def test_a_breadcrumb_line_and_a_date_line_without_its_label_are_read_as_such():
    result = extract("首页 > 警务动态 > 正文\n青山县公安局:先进典型\n2023-06-12 10:15:40 来源: 政治处\n正文。\n")
    assert (result["title"], result["published_at"], result["source"]) == (
        "青山县公安局:先进典型",
        "2023-06-12T10:15:40+08:00",
        "政治处",
    )


def test_honours_are_not_read_from_the_title():
    result = extract("民警张建伟荣立个人一等功\n发布时间：2023-06-12 来源：政治处\n民警张建伟在抗洪中救出群众。\n")
    assert result["people"][0]["honours"] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("今年以来，获市公安局嘉奖3人。", [("市公安局", "commendation", None, 3, 2023)]),
        ("获县公安局本级嘉奖11人。", [("县公安局", "commendation", None, 11, 2023)]),
        ("获县委组织部、县疫情防控办公室嘉奖8人。", [("县委组织部、县疫情防控办公室", "commendation", None, 8, 2023)]),
        ("获市委政法委和市公安局嘉奖 27 人次。", [("市委政法委、市公安局", "commendation", None, 27, 2023)]),
        ("获省公安厅及省禁毒委通报表扬四人。", [("省公安厅、省禁毒委", "public_praise", None, 4, 2023)]),
        ("获市公安局记三等功十六名。", [("市公安局", "merit_class_3", None, 16, 2023)]),
        ("获公安部嘉奖４人。", [("公安部", "commendation", None, 4, 2023)]),
        ("2021年获市局本级嘉奖一百零六人。", [("市局", "commendation", None, 106, 2021)]),
        ("42名民警辅警受到局本级嘉奖。", [("测试县公安局", "commendation", None, 42, 2023)]),
        (
            "评选出‘辅警之星’8人、‘辅警标兵’16人。",
            [(None, None, "辅警之星", 8, 2023), (None, None, "辅警标兵", 16, 2023)],
        ),
        ("共评选出“最美民警”二名。", [(None, None, "最美民警", 2, 2023)]),
        ("市公安局对工作中表现突出的个人予以表彰，其中记个人三等功38人，嘉奖148人。",
         [("市公安局", "merit_class_3", None, 38, 2023), ("市公安局", "commendation", None, 148, 2023)]),
        ("根据市委、市政府《关于表彰2021年度平安建设先进的决定》，我局获记三等功5人、获嘉奖\n12 人。",
         [("市委、市政府", "merit_class_3", None, 5, 2021), ("市委、市政府", "commendation", None, 12, 2021)]),
    ],
)  # fmt: skip
def test_each_phrasing_gives_the_figure(body, expected):
    assert figures_of(body) == expected


def test_a_counted_award_is_a_figure_not_an_honour():
    result = read("民警张建伟所在大队获市公安局嘉奖3人。")
    assert result["people"][0]["honours"] == []
    assert len(result["figures"]) == 1


def test_a_count_of_no_award_in_particular_is_no_figure():
    assert figures_of("城南派出所共有9名民警辅警获得县级以上表彰。") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("四", 4), ("十六", 16), ("二十四", 24), ("一百零六", 106), ("两", 2), ("三千零五", 3005), ("十", 10)],
)
def test_chinese_numerals_are_read(text, value):
    assert parse_number(text) == value


def test_people_named_after_a_label_a_post_or_a_list_item_and_not_citizens():
    body = (
        "城郊派出所教导员孔繁华、辅警欧阳青青讲述了自己的经历。值班民警张立新、辅警刘洋冒雨护送老人余某某回家。\n"
        "1. 杨光明，男，1975年3月出生，1996年8月参加工作，现任县公安局刑事侦查大队大队长。\n"
        "刘建军同志现任县公安局城南派出所副所长，1991年参加公安工作。\n"
        "市委常委、政法委书记王立军出席。民警迅速赶到现场。\n"
    )
    people = {p["name"]: p for p in read(body)["people"]}
    assert list(people) == ["孔繁华", "欧阳青青", "张立新", "刘洋", "杨光明", "刘建军"]
    assert people["孔繁华"]["category"] == "police" and people["孔繁华"]["unit"] == "城郊派出所"
    assert people["欧阳青青"]["category"] == "auxiliary"
    assert people["杨光明"]["unit"] == "刑事侦查大队" and people["杨光明"]["work_since"] == 1996
    assert people["刘建军"]["unit"] == "城南派出所" and people["刘建军"]["work_since"] == 1991


def test_nicknames_and_start_years_in_their_usual_phrasings():
    body = (
        "2019年入警的辅警李晓梅被同事们称为“暖心话务员”。\n"
        "民警覃建华1998年入警，大家都叫他“背包警察”。\n"
        "辅警葛小兵2016年参加工作以来，被同事们誉为“拼命三郎”。\n"
    )
    people = {p["name"]: (p["work_since"], p["nickname"]) for p in read(body)["people"]}
    assert people == {"李晓梅": (2019, "暖心话务员"), "覃建华": (1998, "背包警察"), "葛小兵": (2016, "拼命三郎")}


def test_the_bureau_is_read_from_the_title_or_the_source():
    assert (
        extract("青山县公安局:发现培树先进典型\n发布时间:2023-06-12 来源:政治处\n正文。\n")["bureau"] == "青山县公安局"
    )
    assert (
        extract("关于评选结果的通报\n发布时间：2024-04-10 来源：江宁县公安局政治处\n正文。\n")["bureau"]
        == "江宁县公安局"
    )
    assert extract("金山区公安分局评选活动结束\n发布时间：2021-12-28\n正文。\n")["bureau"] == "金山区公安分局"


@given(
    st.text(
        alphabet="民警辅警张李王被获评为授予“”‘’「」称号嘉奖三等功记市县公安局、，。和等同志12人名今年2022年\n",
        max_size=120,
    )
)
@settings(max_examples=150, deadline=None)
def test_any_text_is_read_or_refused_in_chinese_never_crashes(body):
    try:
        result = read_article((HEAD + body).encode())
    except ArticleError as error:
        assert str(error)
    else:
        for person in result["people"]:
            assert person["name"] in result["text"]
