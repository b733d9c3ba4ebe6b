"""Demo practice activities, guidance visits and year-end evaluations, consistent with the demo reserve: the veteran
featured at report meetings, the traffic auxiliary teaching, the flood-relief reserves at a forum; visits to 半汤派出所
(one follow-up overdue) and to the traffic brigade; the 2025 round completed and closed in December 2025 (the
veteran, an exemplar since 2023, consolidated), the current one in progress. Past records are dated on the story's
calendar (`demo.history`). Each piece is found by its title, unit or year when it exists, so running the demo again
adds nothing."""

import datetime

from django.utils import timezone

from qunying.demo import history
from qunying.demo.deeds import demo_traffic_auxiliary, demo_veteran
from qunying.org.models import Unit
from qunying.reserve.enums import ActivityKind, EntryStatus, EvaluationMethod, EvaluationOutcome, Tier
from qunying.reserve.models import AnnualEvaluation, EvaluationRound, GuidanceVisit, PracticeActivity, ReserveEntry
from qunying.reserve.services import activities as activity_services
from qunying.reserve.services import evaluations as evaluation_services

LAST_ROUND_YEAR = 2025
# The 2025 round: opened, its talks recorded, decided and the round closed on these days.
LAST_ROUND_DAYS = {
    "opened_on": datetime.date(2025, 11, 20),
    "recorded_on": datetime.date(2025, 12, 10),
    "decided_on": datetime.date(2025, 12, 19),
    "closed_on": datetime.date(2025, 12, 26),
}


def _active_people(*people):
    active = set(
        ReserveEntry.objects.filter(person__in=[p for p in people if p], status=EntryStatus.ACTIVE).values_list(
            "person_id", flat=True
        )
    )
    return [p for p in people if p is not None and p.pk in active]


def load_activities(officer, bureau) -> int:
    veteran, auxiliary = demo_veteran(), demo_traffic_auxiliary()
    flood = [
        entry.person
        for entry in ReserveEntry.objects.filter(status=EntryStatus.ACTIVE, category="frontline", tier=Tier.RESERVE)
        .select_related("person__unit")
        .order_by("person__badge_number")[:2]
    ]
    this_year = timezone.localdate().year
    planned = [
        (
            ActivityKind.DEEDS_REPORT_MEETING,
            "“最美爱民模范”先进事迹报告会",
            datetime.date(2022, 12, 16),
            "巢湖市公安局大礼堂",
            _active_people(veteran),
            320,
            "报告人讲述扎根社区三十余年的群众工作经历；全局各所队民警、辅警代表参加。",
        ),
        (
            ActivityKind.WORK_FORUM,
            "防汛抢险先进典型工作座谈会",
            datetime.date(2025, 8, 28),
            "巢湖市公安局三楼会议室",
            _active_people(*flood),
            40,
            "座谈防汛抢险中的经验做法与不足，研究储备人员下一步培养措施。",
        ),
        (
            ActivityKind.BUSINESS_LECTURE,
            "交通事故快处快赔实务授课",
            datetime.date(2025, 5, 20),
            "交警大队培训室",
            _active_people(auxiliary),
            45,
            "结合亲身处置案例讲解事故快处流程、现场安全防护和群众沟通技巧。",
        ),
        (
            ActivityKind.DEEDS_REPORT_MEETING,
            f"{this_year}年先进典型事迹宣讲（基层巡回）",
            datetime.date(this_year, 4, 18),
            "半汤派出所会议室",
            _active_people(veteran, auxiliary),
            60,
            "典型人物到基层所队巡回宣讲，与一线民警辅警交流。",
        ),
    ]
    created = 0
    for kind, title, date, place, people, audience, materials in planned:
        if not people or PracticeActivity.objects.filter(title=title).exists():
            continue
        activity = activity_services.create_activity(
            kind=kind,
            title=title,
            date=date,
            place=place,
            unit=bureau,
            people=people,
            audience_size=audience,
            materials=materials,
            by=officer,
        )
        history.date_records(PracticeActivity.objects.filter(pk=activity.pk), date)
        created += 1
    return created


def load_visits(officer) -> int:
    """Dates relative to today, so one follow-up is always overdue and one done, whenever the demo is loaded."""
    today = timezone.localdate()
    visited_on = today - datetime.timedelta(days=75)
    visits = [
        (
            "半汤派出所",
            visited_on,
            "政治处主任、宣传科科长",
            "所里有储备人员但缺少重点培养对象；事迹材料零散，未形成台账。",
            [
                ("确定一名重点培养对象并报政治处", "所长", today - datetime.timedelta(days=15), None, ""),
                (
                    "整理储备人员事迹材料，建立台账",
                    "教导员",
                    visited_on + datetime.timedelta(days=30),
                    visited_on + datetime.timedelta(days=20),
                    "台账已建立并报送",
                ),
            ],
        ),
        (
            "交警大队",
            datetime.date(2025, 6, 5),
            "政治处副主任",
            "“辅警之星”培养成效明显，建议发挥其传帮带作用。",
            [("安排结对帮带新入职辅警", "大队长", datetime.date(2025, 9, 30), datetime.date(2025, 9, 10), "结对 3 人")],
        ),
    ]
    created = 0
    for unit_name, date, visitors, findings, items in visits:
        unit = Unit.objects.filter(name=unit_name).order_by("path").first()
        if unit is None or date > today or GuidanceVisit.objects.filter(unit=unit, visitors=visitors).exists():
            continue
        visit = activity_services.create_visit(unit=unit, date=date, visitors=visitors, findings=findings, by=officer)
        for title, owner, due_on, done_on, note in items:
            item = activity_services.add_follow_up(visit, title=title, owner=owner, due_on=due_on, by=officer)
            if done_on is not None and done_on <= today:
                activity_services.complete_follow_up(item, done_on=done_on, note=note, by=officer)
        history.date_records(GuidanceVisit.objects.filter(pk=visit.pk), date)
        history.date_records(visit.follow_ups.all(), date)
        created += 1
    return created


def _record(evaluation, *, method, outcome, findings, check_note, by) -> None:
    evaluation_services.record_evaluation(
        evaluation,
        method=method,
        evaluator="政治处 年终评估组",
        findings=findings,
        outcome=outcome,
        check_note=check_note,
        by=by,
    )


def load_rounds(officer, leader, bureau) -> int:
    """2025: everyone kept, approved and the round closed. This year: the veteran and the traffic auxiliary recorded
    (keep; upgrade to 典型) and awaiting a leader, one reserve approved, the rest still due."""
    created = 0
    if not EvaluationRound.objects.filter(year=LAST_ROUND_YEAR, unit=bureau).exists():
        last = evaluation_services.open_round(year=LAST_ROUND_YEAR, unit=bureau, by=officer)
        for evaluation in last.evaluations.select_related("entry"):
            _record(
                evaluation,
                method=EvaluationMethod.TALK,
                outcome=EvaluationOutcome.KEEP,
                findings="履职尽责，保持先进本色，群众评价好。",
                check_note="参加全局先进典型培训班" if evaluation.check_kind == "training" else "总结经验，开展传帮带",
                by=officer,
            )
            evaluation_services.decide_evaluation(
                evaluation,
                approve=True,
                note="同意。",
                by=leader if evaluation.entry.tier == Tier.EXEMPLAR else officer,
            )
        evaluation_services.close_round(last, by=officer)
        history.date_round(last, **LAST_ROUND_DAYS)
        created += 1
    this_year = timezone.localdate().year
    if this_year != LAST_ROUND_YEAR and not EvaluationRound.objects.filter(year=this_year, unit=bureau).exists():
        current = evaluation_services.open_round(year=this_year, unit=bureau, by=officer)
        evaluations = {e.entry.person_id: e for e in current.evaluations.select_related("entry__person")}
        veteran, auxiliary = demo_veteran(), demo_traffic_auxiliary()
        if veteran and veteran.pk in evaluations:
            _record(
                evaluations.pop(veteran.pk),
                method=EvaluationMethod.TALK,
                outcome=EvaluationOutcome.KEEP,
                findings="全年开展事迹宣讲 4 场，社区警务成效突出。",
                check_note="安排到基层所队巡回宣讲，总结“群众工作法”",
                by=officer,
            )
        if auxiliary and auxiliary.pk in evaluations:
            _record(
                evaluations.pop(auxiliary.pk),
                method=EvaluationMethod.FORUM,
                outcome=EvaluationOutcome.UPGRADE,
                findings="座谈中群众和同事一致好评，业务授课效果好，建议升为典型。",
                check_note="已参加全局先进典型培训班",
                by=officer,
            )
        rest = [e for e in evaluations.values() if e.entry.tier == Tier.RESERVE]
        if rest:
            _record(
                rest[0],
                method=EvaluationMethod.FORUM,
                outcome=EvaluationOutcome.KEEP,
                findings="防汛抢险后持续表现良好。",
                check_note="参加业务培训一期",
                by=officer,
            )
            evaluation_services.decide_evaluation(rest[0], approve=True, note="同意。", by=officer)
        created += 1
    return created


def load(officer, leader) -> str:
    bureau = Unit.objects.filter(parent=None).order_by("pk").first()
    if bureau is None:
        return ""
    activities = load_activities(officer, bureau)
    visits = load_visits(officer)
    rounds = load_rounds(officer, leader, bureau)
    due = AnnualEvaluation.objects.filter(round__status="open").exclude(status__in=["approved", "withdrawn"]).count()
    return (
        f"\n实践活动 {PracticeActivity.objects.count()} 场（本次新增 {activities}），调研指导 "
        f"{GuidanceVisit.objects.count()} 次（本次新增 {visits}），年终评估轮次本次新增 {rounds}，进行中待完成 {due} 人"
    )
