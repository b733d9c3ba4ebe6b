"""Matching the people an article names to people on record: agreement beyond the name, side by side; chosen only
when nothing disagrees; homonyms listed, never chosen; an article of another bureau proposes no one (the 刘桂芳
case)."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from qunying.publicity import services
from qunying.publicity.article_matching import ABOVE, OTHER, OURS, bureau_relation, proposals_for
from qunying.publicity.models import ArticleImport
from tests.factories import IssuerFactory, PersonFactory, UnitFactory

SAMPLE = Path(__file__).resolve().parent / "samples" / "article-garbled.txt"


@pytest.fixture
def units(tree):
    return {
        "城关派出所": UnitFactory(name="城关派出所", parent=tree["bureau"]),
        "交警大队": UnitFactory(name="交警大队", parent=tree["bureau"]),
    }


@pytest.fixture
def officer(role_user):
    return role_user("political_officer")


def import_sample(bureau=None) -> ArticleImport:
    return services.import_article(data=SAMPLE.read_bytes(), filename="sample.txt", bureau=bureau, by=None)


def proposal(user, article, name, **kwargs):
    return next(p for p in proposals_for(user, article, **kwargs) if p.name == name)


def verdicts(candidate) -> dict[str, str]:
    return {c.key: c.verdict for c in candidate.comparisons}


def test_the_liu_guifang_case_proposes_no_match_for_an_article_of_another_bureau(units, officer):
    # This bureau's 刘桂芳: a trainee auxiliary who joined in 2025. The sample's: an officer of 青山县公安局 since 1990.
    ours = PersonFactory(
        name="刘桂芳", category="auxiliary", unit=units["交警大队"], joined_work_on=datetime.date(2025, 3, 1)
    )
    article = import_sample()
    assert bureau_relation(article) == (OTHER, "青山县公安局")
    liu = proposal(officer, article, "刘桂芳")
    assert liu.chosen is None and liu.candidates == [] and liu.withheld
    compared = proposal(officer, article, "刘桂芳", compare_anyway=True)
    assert [c.person for c in compared.candidates] == [ours] and compared.chosen is None
    assert verdicts(compared.candidates[0]) == {
        "category": "disagrees",
        "unit": "unknown",
        "start_year": "disagrees",
        "nickname": "unknown",
    }


def test_the_liu_guifang_page_proposes_no_one_and_links_nobody_by_default(client, units, officer):
    ours = PersonFactory(name="刘桂芳", category="auxiliary", unit=units["交警大队"])
    article = import_sample()
    client.force_login(officer)
    url = reverse("publicity:article_detail", args=[article.pk])
    body = client.get(url).content.decode()
    assert "这篇文章来自青山县公安局，不是本局" in body
    radio = rf'name="person_1"\s+value="{ours.pk}"'
    assert not re.search(radio, body)
    assert "仍与同名人员比对" in body
    compared = client.get(url + "?compare=1").content.decode()
    assert re.search(radio, compared)
    assert not re.search(radio + r'\s+id="[^"]+"\s+checked', compared)
    assert "table-danger" in compared  # the disagreement is shown side by side


def test_even_within_this_bureau_a_record_that_disagrees_is_not_chosen(units, officer, tree):
    PersonFactory(name="刘桂芳", category="auxiliary", unit=units["交警大队"], joined_work_on=datetime.date(2025, 3, 1))
    article = import_sample(bureau=tree["bureau"])
    liu = proposal(officer, article, "刘桂芳")
    assert len(liu.candidates) == 1 and liu.chosen is None
    assert liu.note == "在册信息与文章不一致：未选择。"


def test_a_record_agreeing_on_unit_and_category_is_chosen(units, officer, tree):
    chen = PersonFactory(name="陈志远", unit=units["城关派出所"])
    article = import_sample(bureau=tree["bureau"])
    found = proposal(officer, article, "陈志远")
    assert found.chosen == chen
    assert verdicts(found.candidates[0])["unit"] == "agrees" and verdicts(found.candidates[0])["category"] == "agrees"


@pytest.mark.parametrize(
    ("fields", "disagreeing"),
    [
        ({"unit": "乙派出所"}, "unit"),
        ({"category": "auxiliary"}, "category"),
        ({"joined_police_on": datetime.date(2001, 9, 1)}, None),  # the article gives no start year for him
    ],
)
def test_each_field_that_disagrees_withholds_the_choice(units, officer, tree, fields, disagreeing):
    unit = tree["station_b"] if fields.pop("unit", None) else units["城关派出所"]
    chen = PersonFactory(name="陈志远", unit=unit, **fields)
    article = import_sample(bureau=tree["bureau"])
    found = proposal(officer, article, "陈志远")
    if disagreeing:
        assert found.chosen is None and verdicts(found.candidates[0])[disagreeing] == "disagrees"
    else:
        assert found.chosen == chen


def test_the_start_year_agrees_or_disagrees_when_both_know_it(units, officer, tree):
    liu = PersonFactory(name="刘桂芳", unit=units["城关派出所"], joined_work_on=datetime.date(1990, 8, 1))
    article = import_sample(bureau=tree["bureau"])
    found = proposal(officer, article, "刘桂芳")
    assert found.chosen == liu and verdicts(found.candidates[0])["start_year"] == "agrees"
    liu.joined_work_on = datetime.date(1995, 8, 1)
    liu.save(update_fields=["joined_work_on"])
    assert proposal(officer, article, "刘桂芳").chosen is None


def test_a_nickname_from_an_earlier_confirmed_article_is_compared(units, officer, tree):
    zhao = PersonFactory(name="赵永强", category="auxiliary", unit=units["交警大队"])
    first = import_sample(bureau=tree["bureau"])
    services.confirm_article_import(first, people={"赵永强": zhao}, record_honours=False, by=None)
    second = ArticleImport.objects.create(
        title="另一篇",
        raw_text="x",
        text="x",
        bureau=tree["bureau"],
        extraction={"people": [{"name": "赵永强", "category": "auxiliary", "unit": None, "nickname": "老黄牛"}]},
    )
    found = proposal(officer, second, "赵永强")
    assert verdicts(found.candidates[0])["nickname"] == "disagrees" and found.chosen is None
    second.extraction["people"][0]["nickname"] = "路口守护人"
    second.save(update_fields=["extraction"])
    assert proposal(officer, second, "赵永强").chosen == zhao


def test_homonyms_in_the_bureau_are_listed_and_never_chosen(units, officer, tree):
    both = [
        PersonFactory(name="陈志远", unit=units["城关派出所"]),
        PersonFactory(name="陈志远", unit=tree["station_b"]),
    ]
    article = import_sample(bureau=tree["bureau"])
    found = proposal(officer, article, "陈志远")
    assert [c.person for c in found.candidates] == both and found.chosen is None
    assert "2" in str(found.note)


def test_nothing_but_the_name_to_compare_chooses_no_one(units, officer, tree):
    PersonFactory(name="杨光明", unit=units["城关派出所"])
    article = ArticleImport.objects.create(
        title="公示", raw_text="x", text="x", bureau=tree["bureau"], extraction={"people": [{"name": "杨光明"}]}
    )
    assert proposal(officer, article, "杨光明").chosen is None


def test_an_article_of_a_police_organ_above_us_is_matched(units, officer, db):
    IssuerFactory(name="江州市公安局", level="city", kind="police")
    article = ArticleImport.objects.create(
        title="江州市公安局表彰",
        raw_text="x",
        text="x",
        bureau_name="江州市公安局",
        extraction={"people": [{"name": "陈志远", "category": "police", "unit": "城关派出所"}]},
    )
    chen = PersonFactory(name="陈志远", unit=units["城关派出所"])
    assert bureau_relation(article) == (ABOVE, "江州市公安局")
    assert proposal(officer, article, "陈志远").chosen == chen


def test_setting_the_bureau_reads_the_article_again_and_matches_within_it(client, units, officer, tree):
    chen = PersonFactory(name="陈志远", unit=units["城关派出所"])
    IssuerFactory(name="江州市公安局", short_name="市局", level="city", kind="police")
    article = import_sample()
    assert proposal(officer, article, "陈志远").chosen is None
    client.force_login(officer)
    client.post(reverse("publicity:article_bureau", args=[article.pk]), {"bureau": tree["bureau"].pk})
    article.refresh_from_db()
    assert bureau_relation(article) == (OURS, "测试市公安局")
    assert proposal(officer, article, "陈志远").chosen == chen
