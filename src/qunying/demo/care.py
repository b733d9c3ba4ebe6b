"""Demo care data: two partner hospitals (invented names), entitlement rules tied to the reserve and honours, one
eligibility run with a grant and a schedule, deliveries for part of the honours (the rest show as awaiting), a
hospitalisation that scheduled a visit, a festival visit done, an assistance case, an overdue referral, consents.
Running it again finds each record and adds nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from qunying.accounts.models import User
from qunying.care import services
from qunying.care.enums import EntitlementStatus
from qunying.care.models import (
    AssistanceCase,
    AwardDelivery,
    CareConsent,
    Entitlement,
    EntitlementRule,
    HealthEvent,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
)
from qunying.demo.deeds import demo_traffic_auxiliary, demo_veteran
from qunying.honours.models import AwardType, Honour
from qunying.org.models import Person

HOSPITALS = [
    ("湖滨康宁医院", "巢湖市湖滨大道（演示地址）", "医务科绿色通道窗口", 24),
    ("巢城仁和医院", "巢湖市健康路（演示地址）", "门诊部警医联络员", 48),
]

# (name, kind, value, min_tier, award code, issuer level, within years, quota, description)
RULES = [
    ("典型人物功模休养", "recuperation", None, "exemplar", "", "", 3, 2, "典型层级人员每年可安排一次功模休养"),
    ("重点以上培训名额", "training", None, "focus", "", "", 3, 3, "重点、典型层级人员优先安排教育培训"),
    (
        "立功受奖晋升优先积分",
        "promotion_points",
        Decimal("5"),
        "",
        "merit_class_3",
        "",
        5,
        0,
        "三等功及以上，层级晋升加分",
    ),
    ("辅警之星执勤津贴系数", "allowance_multiplier", Decimal("1.2"), "", "aux_star", "", 5, 0, "执勤津贴差异化发放"),
    (
        "市级以上嘉奖津贴",
        "allowance_amount",
        Decimal("200"),
        "",
        "commendation",
        "city",
        5,
        0,
        "每月增发执勤津贴（元）",
    ),
]


def _hospitals(officer) -> list[PartnerHospital]:
    found = []
    for name, address, contact, hours in HOSPITALS:
        hospital = PartnerHospital.objects.filter(name=name).first()
        if hospital is None:
            hospital = services.save_hospital(
                by=officer, name=name, address=address, contact=contact, response_hours=hours, active=True
            )
        found.append(hospital)
    return found


def _rules(officer) -> None:
    for name, kind, value, tier, award, issuer_level, years, quota, description in RULES:
        if EntitlementRule.objects.filter(name=name).exists():
            continue
        services.save_rule(
            by=officer,
            name=name,
            kind=kind,
            value=value,
            min_tier=tier,
            min_level="",
            category="",
            award_type=AwardType.objects.filter(code=award).first() if award else None,
            min_issuer_level=issuer_level,
            within_years=years,
            validity_days=365,
            yearly_quota=quota,
            active=True,
            description=description,
        )


def _entitlements(officer, veteran) -> None:
    if not Entitlement.objects.exists():
        services.run_eligibility(by=officer)
    if veteran is None:
        return
    recuperation = Entitlement.objects.filter(person=veteran, rule__name="典型人物功模休养").first()
    if recuperation is not None and recuperation.status == EntitlementStatus.ELIGIBLE:
        recuperation = services.grant_entitlement(recuperation, note="安排赴疗养基地休养", by=officer)
        services.schedule_entitlement(
            recuperation,
            on=min(timezone.localdate() + datetime.timedelta(days=30), recuperation.valid_until),
            by=officer,
        )
    training = Entitlement.objects.filter(person=veteran, rule__name="重点以上培训名额").first()
    if training is not None and training.status == EntitlementStatus.ELIGIBLE:
        training = services.grant_entitlement(training, note="全市社区警务骨干培训班", by=officer)
        services.mark_entitlement_used(training, on=timezone.localdate(), by=officer)


def _deliveries(officer) -> None:
    if AwardDelivery.objects.exists():
        return
    honours = list(
        Honour.objects.filter(person__isnull=False, status="active")
        .select_related("person")
        .order_by("awarded_on", "pk")
    )
    for index, honour in enumerate(honours[: len(honours) // 2]):
        services.record_delivery(
            honour,
            method="ceremony" if index % 2 else "at_post",
            delivered_on=min(honour.awarded_on + datetime.timedelta(days=7), timezone.localdate()),
            delivered_by="政治处主任（演示）" if index % 2 else "所长（演示）",
            note="全局表彰大会" if index % 2 else "送奖到岗",
            by=officer,
        )


def _welfare(officer, veteran, auxiliary, hospitals) -> None:
    today = timezone.localdate()
    if veteran is not None and not HealthEvent.objects.filter(person=veteran).exists():
        services.record_health_event(
            person=veteran,
            kind="hospitalised",
            occurred_on=today - datetime.timedelta(days=1),
            details="腰椎间盘突出住院治疗（演示数据）",
            by=officer,
        )
        services.record_consent(person=veteran, status="given", note="书面同意（演示）", by=officer)
    if auxiliary is not None and not WelfareVisit.objects.filter(person=auxiliary).exists():
        visit = services.plan_visit(person=auxiliary, reason="festival", due_on=today, by=officer)
        services.complete_visit(
            visit, visited_on=today, visitors="关爱专员（演示）", details="春节走访，家中老人身体健康", by=officer
        )
        if not AssistanceCase.objects.filter(person=auxiliary).exists():
            case = services.open_case(
                person=auxiliary, kind="family_schooling", description="子女小学入学需协调学区（演示数据）", by=officer
            )
            services.add_case_step(case, description="已联系教育局学区办了解政策", by=officer)
    member = Person.objects.filter(user__username="minjing").first()
    if member is not None and not WelfareVisit.objects.filter(person=member).exists():
        visit = services.plan_visit(person=member, reason="family_hardship", due_on=today, by=officer)
        services.complete_visit(
            visit,
            visited_on=today,
            visitors="关爱专员（演示）",
            details="配偶病休，家庭收入减少（演示数据）",
            by=officer,
        )
        services.record_consent(person=member, status="given", by=officer)
    if veteran is not None and not MedicalReferral.objects.filter(person=veteran).exists():
        referral = services.request_referral(
            person=veteran,
            hospital=hospitals[0],
            purpose="出院后康复理疗预约",
            for_family=True,
            family_member="母亲（演示）",
            by=officer,
        )
        # Demo only: the request was made three days ago, so the overdue list has an entry.
        three_days_ago = timezone.now() - datetime.timedelta(days=3)
        MedicalReferral.objects.filter(pk=referral.pk).update(
            requested_at=three_days_ago,
            due_at=three_days_ago + datetime.timedelta(hours=hospitals[0].response_hours),
        )


def load(stdout) -> None:
    officer = User.objects.filter(username="guanai").first()
    if officer is None:
        return
    hospitals = _hospitals(officer)
    _rules(officer)
    veteran, auxiliary = demo_veteran(), demo_traffic_auxiliary()
    _entitlements(officer, veteran)
    _deliveries(officer)
    _welfare(officer, veteran, auxiliary, hospitals)
    stdout.write(
        f"\n关爱：待遇规则 {EntitlementRule.objects.count()} 条，待遇资格 {Entitlement.objects.count()} 条，"
        f"颁奖记录 {AwardDelivery.objects.count()} 条，慰问 {WelfareVisit.objects.count()} 次，"
        f"同意记录 {CareConsent.objects.count()} 条"
    )
