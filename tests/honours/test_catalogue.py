"""The catalogue as data: seeded award types and authority rules, and the political department's pages to keep award
types, issuers and rules (each write audited once; other roles get 403)."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.honours.models import AuthorityRule, AwardType, Issuer
from tests.factories import HonourFactory, IssuerFactory

CATALOGUE_PAGES = ["honours:award_type_list", "honours:issuer_list", "honours:authority_rule_list"]


def test_the_police_ladder_of_the_2015_regulation_is_seeded_in_order(awards):
    police = AwardType.objects.filter(ladder="police").order_by("grade", "code").values_list("code", flat=True)

    assert list(police)[:6] == [
        "public_praise",
        "commendation",
        "merit_class_3",
        "merit_class_2",
        "merit_class_1",
        "honorary_title",
    ]
    assert {"aux_commendation", "aux_merit"} <= {a.code for a in awards.values() if a.ladder == "auxiliary"}
    titles = {a.name for a in awards.values() if a.ladder == "title"}
    assert {"辅警之星", "辅警标兵", "最美民警", "最美爱民模范", "巢湖好人"} <= titles


def test_authority_rules_are_seeded_for_every_level_on_the_police_ladder(db):
    limits = dict(
        AuthorityRule.objects.filter(issuer_kind="police", ladder="police").values_list("issuer_level", "max_grade")
    )

    assert limits == {"county": 20, "city": 30, "province": 40, "national": 70}


@pytest.mark.parametrize("page", CATALOGUE_PAGES)
@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_MANAGER, Role.MEMBER, Role.SYS_ADMIN, Role.SECURITY_ADMIN])
def test_only_political_officers_keep_the_catalogue(client, role_user, page, role):
    client.force_login(role_user(role))

    assert client.get(reverse(page)).status_code == 403
    assert client.post(reverse(page), {"name": "x"}).status_code == 403


def test_a_political_officer_adds_an_award_type_with_one_audit_entry(client, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)

    response = client.post(
        reverse("honours:award_type_list"),
        {
            "code": "Aux_Pioneer",
            "name": "辅警先锋",
            "ladder": "title",
            "grade": 11,
            "applies_to": "person",
            "active": "on",
        },
    )

    award = AwardType.objects.get(code="aux_pioneer")
    assert response.url == reverse("honours:award_type_list")
    assert (award.name, award.ladder, award.grade) == ("辅警先锋", "title", 11)
    assert (
        AuditEntry.objects.filter(action="honours.award_type.created", actor=officer, object_id=str(award.pk)).count()
        == 1
    )


def test_a_duplicate_award_name_is_refused_with_a_message(client, role_user, awards):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    before = AwardType.objects.count()

    response = client.post(
        reverse("honours:award_type_list"),
        {"code": "another", "name": "嘉奖", "ladder": "police", "grade": 20, "applies_to": "both"},
    )

    assert response.status_code == 200 and "已有同名的奖励。" in response.content.decode()
    assert AwardType.objects.count() == before


def test_an_award_in_use_keeps_its_ladder_but_may_be_retired(client, role_user, awards, people, issuers):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    HonourFactory(person=people["a"], issuer=issuers["county_police"])
    url = reverse("honours:award_type_update", args=[awards["commendation"].pk])
    form = {"name": "嘉奖", "ladder": "title", "grade": 20, "applies_to": "both", "description": ""}

    refused = client.post(url, form)
    retired = client.post(url, {**form, "ladder": "police", "active": ""})

    assert "已有奖励记录使用该奖励，序列不能再修改。" in refused.content.decode()
    assert retired.status_code == 302
    award = AwardType.objects.get(code="commendation")
    assert (award.ladder, award.active) == ("police", False)
    assert AuditEntry.objects.get(action="honours.award_type.updated").data == {"active": [True, False]}


def test_issuers_are_added_and_edited_with_counts(client, role_user, people, issuers):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    HonourFactory(person=people["a"], issuer=issuers["county_police"])

    added = client.post(
        reverse("honours:issuer_list"),
        {"name": "安徽省公安厅", "short_name": "省厅", "level": "province", "kind": "police", "active": "on"},
    )
    issuer = Issuer.objects.get(name="安徽省公安厅")
    edited = client.post(
        reverse("honours:issuer_update", args=[issuer.pk]),
        {"name": "安徽省公安厅", "short_name": "安徽省厅", "level": "province", "kind": "police", "active": "on"},
    )
    listing = client.get(reverse("honours:issuer_list"))

    assert added.status_code == edited.status_code == 302
    assert Issuer.objects.get(pk=issuer.pk).short_name == "安徽省厅"
    counts = {i.name: i.honour_count for i in listing.context["issuers"]}
    assert counts["测试市公安局"] == 1 and counts["安徽省公安厅"] == 0
    actions = AuditEntry.objects.filter(object_id=str(issuer.pk), actor=officer).values_list("action", flat=True)
    assert sorted(actions) == ["honours.issuer.created", "honours.issuer.updated"]


def test_authority_rules_are_added_refused_when_duplicated_and_deleted(client, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    url = reverse("honours:authority_rule_list")

    added = client.post(url, {"issuer_level": "county", "issuer_kind": "civic", "ladder": "title", "max_grade": 12})
    duplicate = client.post(url, {"issuer_level": "county", "issuer_kind": "civic", "ladder": "title", "max_grade": 14})
    rule = AuthorityRule.objects.get(issuer_level="county", issuer_kind="civic", ladder="title")
    asked = client.post(reverse("honours:authority_rule_delete", args=[rule.pk]))
    assert "data-confirmation" in asked.content.decode() and AuthorityRule.objects.filter(pk=rule.pk).exists()
    deleted = client.post(reverse("honours:authority_rule_delete", args=[rule.pk]), {"confirmed": "1"})

    assert added.status_code == 302
    assert "该层级、性质和序列的权限规则已经存在。" in duplicate.content.decode()
    assert deleted.status_code == 302
    assert not AuthorityRule.objects.filter(issuer_kind="civic").exists()
    assert AuditEntry.objects.filter(action="honours.authority_rule.deleted").count() == 1


def test_the_rules_page_names_the_highest_award_each_rule_reaches(client, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("honours:authority_rule_list"))

    reached = {
        (rule.issuer_level, rule.issuer_kind, rule.ladder): rule.highest.name for rule in response.context["rules"]
    }
    assert reached[("county", "police", "police")] == "嘉奖"
    assert reached[("city", "police", "police")] == "三等功"
    assert reached[("county", "", "title")] == "巢湖好人"


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("page", ["honours:award_type_list", "honours:issuer_list"])
def test_catalogue_list_query_counts_do_not_grow(client, role_user, django_assert_num_queries, page, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        IssuerFactory(name=f"机关{index}")
        AwardType.objects.create(code=f"t{index}", name=f"称号{index}", ladder="title", grade=index + 1)

    with django_assert_num_queries(9):
        response = client.get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_authority_rule_list_query_count_does_not_grow(client, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    AuthorityRule.objects.all().delete()
    for level in ["county", "city", "province"][:count]:
        AuthorityRule.objects.create(issuer_level=level, issuer_kind="", ladder="title", max_grade=19)

    with django_assert_num_queries(10):
        response = client.get(reverse("honours:authority_rule_list"))

    assert len(response.context["rules"]) == count
