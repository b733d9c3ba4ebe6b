"""`qunying check-records` (issue 18 rule 9): the demo keeps every record rule; one planted violation of each kind is
named in the Chinese report and the workbook, and the command exits 1. Each app's checks answer for a queryset too."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from qunying.accounts.models import User
from qunying.care.checks import find_problems as care_problems
from qunying.care.models import Entitlement, EntitlementRule
from qunying.core.integrity import find_problems
from qunying.deeds.checks import find_problems as deed_problems
from qunying.deeds.models import Deed, DeedPerson, DutyEvent
from qunying.honours.checks import find_problems as honour_problems
from qunying.honours.models import AwardType, Honour, Issuer
from qunying.org.models import Person
from qunying.publicity.models import ReviewStep, Story, StoryReview


def test_the_demo_keeps_every_record_rule(demo):
    output = io.StringIO()

    call_command("check-records", stdout=output)

    assert "未发现问题" in output.getvalue()
    assert "未发现问题" in demo  # `qunying demo` ends with the same check
    assert find_problems() == []


def test_one_planted_violation_of_each_kind_is_named_and_exits_1(demo, tmp_path):
    planted = _plant_violations()
    output, workbook = io.StringIO(), tmp_path / "问题.xlsx"

    with pytest.raises(CommandError) as failed:
        call_command("check-records", "--xlsx", str(workbook), stdout=output)

    report = output.getvalue()
    assert failed.value.returncode == 1
    for heading in ("【奖励超出授予对象类别】", "【由本人或录入人审核】", "【待遇缺少有效依据】", "【日期先后矛盾】"):
        assert heading in report
    assert f"奖励：{planted['honour'].person.name} · 嘉奖" in report
    assert "事迹“自己核实的事迹”" in report
    assert f"待遇：{planted['entitlement'].person.name}" in report
    assert "执勤任务“日期颠倒的任务”" in report
    assert "稿件“自己审核的稿件”" in report
    rows = list(openpyxl.load_workbook(workbook).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("问题", "记录")
    assert {row[0] for row in rows[1:]} == {
        "奖励超出授予对象类别",
        "由本人或录入人审核",
        "待遇缺少有效依据",
        "日期先后矛盾",
    }


def test_each_app_answers_for_the_records_it_is_given(demo):
    planted = _plant_violations()

    honours = honour_problems(Honour.objects.filter(pk=planted["honour"].pk))
    deeds = deed_problems(Deed.objects.filter(pk=planted["deed"].pk))
    entitlements = care_problems(Entitlement.objects.filter(pk=planted["entitlement"].pk))

    assert [(p.kind, p.pk) for p in honours] == [("category", planted["honour"].pk)]
    assert [(p.kind, p.pk) for p in deeds] == [("four_eyes", planted["deed"].pk)]
    assert [(p.kind, p.pk) for p in entitlements] == [("basis", planted["entitlement"].pk)]
    assert honour_problems(Honour.objects.exclude(pk=planted["honour"].pk)) == []


def _plant_violations() -> dict:
    """Rows written straight to the tables, as an import of old spreadsheets could: one of each kind."""
    auxiliary = Person.objects.filter(category="auxiliary").order_by("pk").first()
    police = Person.objects.filter(category="police").exclude(user=None).order_by("pk").first()
    manager = User.objects.get(username="bantang")
    honour = Honour.objects.create(
        person=auxiliary,
        award_type=AwardType.objects.get(code="commendation"),
        issuer=Issuer.objects.order_by("pk").first(),
        awarded_on=datetime.date(2023, 5, 4),
        reason="旧台账导入",
    )
    deed = Deed.objects.create(
        title="自己核实的事迹",
        date=datetime.date(2023, 3, 1),
        narrative="录入后一秒即由本人核实。",
        status="verified",
        unit=police.unit,
        proposed_by=manager,
        verified_by=manager,
        verified_at=datetime.datetime(2023, 3, 2, 9, tzinfo=datetime.UTC),
    )
    DeedPerson.objects.create(deed=deed, person=police)
    rule = EntitlementRule.objects.filter(award_type__isnull=False).order_by("pk").first()
    entitlement = Entitlement.objects.create(rule=rule, person=police, unit=police.unit, year=2026, status="granted")
    event = DutyEvent.objects.create(
        kind="epidemic_control",
        name="日期颠倒的任务",
        starts_on=datetime.date(2022, 5, 1),
        ends_on=datetime.date(2022, 4, 1),
        unit=police.unit,
    )
    story = Story.objects.create(title="自己审核的稿件", body="正文", unit=police.unit, created_by=manager)
    StoryReview.objects.create(
        story=story, step=ReviewStep.objects.order_by("position").first(), reviewer=manager, decision="approve"
    )
    return {"honour": honour, "deed": deed, "entitlement": entitlement, "event": event, "story": story}
