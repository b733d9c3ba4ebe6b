"""Campaign type pages: bureau political officers create and edit types with their criteria; everyone else is
refused; bad input is refused in Chinese and changes nothing; every save is audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.campaigns.models import CampaignType, Criterion
from qunying.campaigns.services.types import save_campaign_type
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import DAY, judge_all, move


def post_data(types, **overrides):
    """A valid form for a new type: three counted criteria and one informational."""
    star = types["aux_star"]
    data = {
        "name": "最美辅警",
        "auxiliary_eligible": "on",
        "period": "quarterly",
        "quota_per_period": "2",
        "quota_per_unit": "1",
        "min_judges": "3",
        "vote_percent": "20",
        "notice_working_days": "5",
        "award_type": star.award_type_id,
        "issuer": star.issuer_id,
        "active": "on",
        "criteria-TOTAL_FORMS": "4",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
    }
    rows = [("业绩", "50", False), ("群众评价", "30", False), ("事迹", "20", False), ("廉洁自律", "0", True)]
    for i, (name, weight, informational) in enumerate(rows):
        data |= {
            f"criteria-{i}-name": name,
            f"criteria-{i}-weight": weight,
            f"criteria-{i}-min_score": "0",
            f"criteria-{i}-max_score": "10",
        }
        if informational:
            data[f"criteria-{i}-informational"] = "on"
    return data | overrides


def test_a_bureau_political_officer_creates_a_type_through_the_page(client, types, role_user):
    client.force_login(role_user("political_officer"))
    response = client.post(reverse("campaigns:type_create"), post_data(types, notice_phone=" 0551-82321110 "))
    assert response.status_code == 302
    created = CampaignType.objects.get(name="最美辅警")
    assert created.notice_phone == "0551-82321110"
    assert created.period == "quarterly" and created.vote_weight == Decimal("0.20")
    assert created.eligible_categories() == {"auxiliary"} and created.notice_working_days == 5
    assert created.issuer == types["aux_star"].issuer and created.quota_per_period == 2
    assert [(c.name, c.weight, c.informational) for c in created.criteria.all()] == [
        ("业绩", Decimal("50"), False),
        ("群众评价", Decimal("30"), False),
        ("事迹", Decimal("20"), False),
        ("廉洁自律", Decimal("0"), True),
    ]
    entry = AuditEntry.objects.get(action="campaigns.type.create")
    assert entry.object_id == str(created.pk) and entry.data["after"]["name"] == "最美辅警"
    listing = client.get(reverse("campaigns:type_list")).content.decode()
    assert "最美辅警" in listing and "20%" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"vote_percent": "31"}, "30"),
        ({"auxiliary_eligible": ""}, "请至少选择一类参评人员"),
        ({"criteria-0-min_score": "5", "criteria-0-max_score": "3"}, "最高分须高于最低分"),
        ({"criteria-1-name": "业绩"}, "评分项名称重复"),
        (
            {"criteria-0-informational": "on", "criteria-1-informational": "on", "criteria-2-informational": "on"},
            "至少一项评分项须计入得分",
        ),
        ({"criteria-0-weight": "0"}, "计分的评分项权重须大于0"),
        ({"name": "辅警之星"}, "同名评选类型已存在"),
        ({"quota_per_period": "abc"}, "整数"),
        ({"award_type": "999999"}, "不在可选范围内"),
        ({"notice_phone": "call Mr Wang"}, "请填写数字电话"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_changes_nothing(client, types, role_user, overrides, message):
    client.force_login(role_user("political_officer"))
    before = (CampaignType.objects.count(), Criterion.objects.count(), AuditEntry.objects.count())
    data = {k: v for k, v in post_data(types, **overrides).items() if v != ""}
    response = client.post(reverse("campaigns:type_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (CampaignType.objects.count(), Criterion.objects.count(), AuditEntry.objects.count()) == before


def test_an_issuer_without_authority_for_the_award_is_refused(types, role_user):
    from qunying.honours.models import AwardType

    star = types["aux_star"]
    first_class = AwardType.objects.get(code="merit_class_1")  # beyond a county bureau's authority
    data = {f: getattr(star, f) for f in ("name", "police_eligible", "auxiliary_eligible", "period", "active")}
    data |= {"quota_per_period": 1, "quota_per_unit": 1, "min_judges": 3, "vote_weight": Decimal("0")}
    data |= {"notice_working_days": 7, "award_type": first_class, "issuer": star.issuer}
    criteria = [
        {
            "id": c.pk,
            "name": c.name,
            "weight": c.weight,
            "min_score": c.min_score,
            "max_score": c.max_score,
            "informational": c.informational,
        }
        for c in star.criteria.all()
    ]
    with pytest.raises(ValidationError) as error:
        save_campaign_type(campaign_type=star, data=data, criteria=criteria, by=role_user("political_officer"))
    assert "issuer" in error.value.message_dict
    star.refresh_from_db()
    assert star.award_type != first_class


def test_editing_a_type_keeps_criteria_ids_and_audits_before_and_after(client, types, role_user):
    star = types["aux_star"]
    client.force_login(role_user("political_officer"))
    url = reverse("campaigns:type_edit", args=[star.pk])
    form = client.get(url).context["formset"]
    data = post_data(types, name="辅警之星", period="monthly")
    data |= {"criteria-TOTAL_FORMS": "4", "criteria-INITIAL_FORMS": str(form.initial_form_count())}
    ids = list(star.criteria.values_list("pk", flat=True))
    for i, pk in enumerate(ids):
        data[f"criteria-{i}-id"] = str(pk)
    data["criteria-3-DELETE"] = "on"  # drop 廉洁自律 (never scored)
    response = client.post(url, data)
    assert response.status_code == 302
    star.refresh_from_db()
    assert star.vote_weight == Decimal("0.20") and star.notice_working_days == 5
    assert list(star.criteria.values_list("pk", "name")) == list(
        zip(ids[:3], ["业绩", "群众评价", "事迹"], strict=True)
    )
    entry = AuditEntry.objects.get(action="campaigns.type.update")
    assert entry.data["before"]["vote_weight"] == "0.00" and entry.data["after"]["vote_weight"] == "0.20"


def test_criteria_are_locked_while_a_campaign_is_judged_and_scored_ones_are_not_removed(
    types, campaign, aux, role_user
):
    from qunying.campaigns import services

    officer = role_user("political_officer")
    model = types["aux_model"]
    nomination = services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    judge_all(campaign, [], {role_user("judge"): {nomination: 8}})
    data = {f: getattr(model, f) for f in ("name", "police_eligible", "auxiliary_eligible", "period", "active")}
    data |= {f: getattr(model, f) for f in ("quota_per_period", "quota_per_unit", "min_judges", "vote_weight")}
    data |= {"notice_working_days": 7, "award_type": model.award_type, "issuer": model.issuer}
    criteria = [
        {
            "id": c.pk,
            "name": c.name,
            "weight": c.weight,
            "min_score": c.min_score,
            "max_score": c.max_score,
            "informational": c.informational,
        }
        for c in model.criteria.all()
    ]
    with pytest.raises(ValidationError, match="正在评审或决定"):
        save_campaign_type(campaign_type=model, data=data, criteria=criteria[:3], by=officer)
    move(campaign, "closed")
    with pytest.raises(ValidationError, match="已有评分的评分项不能删除"):
        save_campaign_type(campaign_type=model, data=data, criteria=criteria[:3], by=officer)
    assert model.criteria.count() == 4
    # Settings other than the criteria may change at any time.
    save_campaign_type(campaign_type=model, data=data | {"notice_working_days": 9}, criteria=criteria, by=officer)
    model.refresh_from_db()
    assert model.notice_working_days == 9


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [
        ("political_officer", "bureau", True),
        ("political_officer", "station_a", False),
        ("leader", "bureau", False),
        ("unit_manager", "bureau", False),
        ("judge", "bureau", False),
        ("member", "bureau", False),
        ("sys_admin", "bureau", False),
    ],
)
def test_only_bureau_political_officers_manage_types(client, types, role_user, role, unit, allowed):
    user = role_user(role, unit)
    client.force_login(user)
    star = types["aux_star"]
    for url in (
        reverse("campaigns:type_list"),
        reverse("campaigns:type_create"),
        reverse("campaigns:type_edit", args=[star.pk]),
    ):
        assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(reverse("campaigns:type_create"), post_data(types))
    assert CampaignType.objects.filter(name="最美辅警").exists() == allowed
    if not allowed:
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            save_campaign_type(data={}, criteria=[], by=user)


def test_a_missing_type_is_a_404(client, types, role_user):
    client.force_login(role_user("political_officer"))
    assert client.get(reverse("campaigns:type_edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_type_list_query_count_does_not_grow(client, types, role_user, django_assert_num_queries, count):
    CampaignType.objects.exclude(pk__in=[t.pk for t in list(types.values())[:count]]).delete()
    client.force_login(role_user("political_officer"))
    with django_assert_num_queries(10):
        response = client.get(reverse("campaigns:type_list"))
    assert len(response.context["page"].object_list) == count


def test_new_types_campaigns_open_with_its_settings(types, role_user):
    from qunying.campaigns import services

    officer = role_user("political_officer")
    data = {
        "name": "季度之星",
        "police_eligible": True,
        "auxiliary_eligible": False,
        "period": "quarterly",
        "quota_per_period": 1,
        "quota_per_unit": 1,
        "min_judges": 2,
        "vote_weight": Decimal("0.10"),
        "notice_working_days": 7,
        "award_type": types["aux_star"].award_type,
        "issuer": None,
        "active": True,
    }
    created = save_campaign_type(
        data=data,
        criteria=[{"name": "业绩", "weight": Decimal("1"), "min_score": 0, "max_score": 100, "informational": False}],
        by=officer,
    )
    campaign = services.open_campaign(campaign_type=created, day=DAY, by=officer)
    assert campaign.title == "2024年第3季度“季度之星”评选" and campaign.voting_until is not None
    assert created.code == "jdzx"


def test_saving_the_edit_page_unchanged_changes_nothing(client, types, role_user):
    """The form's own initial values (a 20% vote weight, criteria as stored) post back as valid."""
    police = types["most_beautiful_police"]
    client.force_login(role_user("political_officer"))
    url = reverse("campaigns:type_edit", args=[police.pk])
    context = client.get(url).context
    form, formset = context["form"], context["formset"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if v is not False}  # an unticked box is not posted
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    data |= {f"criteria-{k}": v for k, v in formset.management_form.initial.items()}
    for row in formset.forms:
        values = {row.add_prefix(n): row[n].value() for n in row.fields}
        data |= {k: v for k, v in values.items() if v is not None and v is not False}
    before = list(police.criteria.values_list("pk", "name", "weight", "informational"))
    assert client.post(url, data).status_code == 302
    police.refresh_from_db()
    assert police.vote_weight == Decimal("0.20")
    assert list(police.criteria.values_list("pk", "name", "weight", "informational")) == before
