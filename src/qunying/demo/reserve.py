"""Demo reserve consistent with the honours demo, on its own calendar (`HISTORY`): the veteran in the reserve since
2021, 重点 in 2022 and 典型 at county level since January 2023 (after his 最美爱民模范), the traffic auxiliary
(辅警之星 2022) 重点 since 2023, flood-relief team members 储备 since the autumn of 2022, and one 储备 proposal of
半汤派出所 awaiting approval today. Units without a focus person stay so, to show gaps in coverage. Activities, visits
and evaluation rounds come from `demo_practice`. Running it again finds each entry and adds nothing."""

import datetime

from django.utils import timezone

from qunying.accounts.models import User
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import DeedPerson
from qunying.demo import history
from qunying.demo import reserve_practice as demo_practice
from qunying.demo.deeds import FLOOD_EVENT, demo_traffic_auxiliary, demo_veteran
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit
from qunying.reserve.enums import CultivationLevel, EntryStatus, ReserveCategory, Tier
from qunying.reserve.models import CultivationPlan, ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier
from qunying.reserve.services.plans import add_milestone, complete_milestone, create_plan

# Each person's tiers as decided, in order: (tier, day, reason). The veteran is an exemplar of two years or more by
# the 2025 round (its consolidation check); the flood team joined after the flood of July 2022.
VETERAN_HISTORY = [
    (Tier.RESERVE, datetime.date(2021, 3, 18), "扎根社区警务一线三十余年，走遍辖区每一户，群众口碑好。"),
    (Tier.FOCUS, datetime.date(2022, 3, 24), "化解矛盾纠纷成效突出，总结“群众工作法”，列为重点培养。"),
    (Tier.EXEMPLAR, datetime.date(2023, 1, 12), "获“最美爱民模范”称号，群众口碑好，树为县级典型。"),
]
AUXILIARY_HISTORY = [
    (Tier.RESERVE, datetime.date(2022, 9, 15), "获“辅警之星”称号，交通疏导中多次救助群众，群众满意度高。"),
    (Tier.FOCUS, datetime.date(2023, 3, 9), "拦停失控货车记功一次，当选“巢湖好人”，列为重点培养。"),
]
FLOOD_HISTORY = [(Tier.RESERVE, datetime.date(2022, 9, 28), "2022年巢湖防汛抢险中冲锋在前，事迹经核实。")]
VETERAN_PLAN_ON = datetime.date(2023, 2, 20)
AUXILIARY_PLAN_ON = datetime.date(2023, 3, 20)


def _admit(person, *, steps, level, category, officer, leader) -> bool:
    """Propose and approve each step through the tier services, then date the history on the story's calendar."""
    if person is None or ReserveEntry.objects.filter(person=person).exists():
        return False
    for index, (tier, _day, reason) in enumerate(steps):
        first = {"level": level, "category": category} if index == 0 else {}
        change = propose_tier(person=person, to_tier=tier, reason=reason, by=officer, **first)
        note = "同意入库。" if index == 0 else "同意。"
        decide_tier_change(change, approve=True, note=note, by=leader if tier == Tier.EXEMPLAR else officer)
    history.date_tier_history(change.entry, [day for _tier, day, _reason in steps])
    return True


def _plan(person, *, level, owner_unit, goals, milestones, made_on, by) -> None:
    entry = ReserveEntry.objects.filter(person=person, status=EntryStatus.ACTIVE).first() if person else None
    if entry is None or entry.plans.exists() or owner_unit is None:
        return
    plan = create_plan(entry, level=level, owner_unit=owner_unit, goals=goals, by=by)
    for title, due_on, done_on, evidence in milestones:
        milestone = add_milestone(plan, title=title, due_on=due_on, by=by)
        if done_on is not None:
            complete_milestone(milestone, done_on=done_on, evidence=evidence, by=by)
    history.date_records(CultivationPlan.objects.filter(pk=plan.pk), made_on)
    history.date_records(plan.milestones.all(), made_on)


def load_plans(officer) -> None:
    """The veteran's county-level plan owned by the bureau since he became an exemplar (one milestone done in 2023,
    one overdue now); the traffic auxiliary's unit-level plan owned by their squad."""
    veteran, auxiliary = demo_veteran(), demo_traffic_auxiliary()
    _plan(
        veteran,
        level=CultivationLevel.COUNTY,
        owner_unit=Unit.objects.filter(parent=None).order_by("pk").first(),
        goals="总结提炼“群众工作法”，形成可复制的社区警务经验；每季度开展一次事迹宣讲。",
        milestones=[
            ("完成事迹材料撰写", datetime.date(2023, 6, 30), datetime.date(2023, 6, 20), "事迹材料定稿"),
            ("在全局事迹报告会上宣讲", timezone.localdate() - datetime.timedelta(days=20), None, ""),
        ],
        made_on=VETERAN_PLAN_ON,
        by=officer,
    )
    _plan(
        auxiliary,
        level=CultivationLevel.UNIT,
        owner_unit=auxiliary.unit if auxiliary else None,
        goals="提升交通事故快处能力，结对帮带新入职辅警。",
        milestones=[("完成交通事故快处培训", timezone.localdate() + datetime.timedelta(days=200), None, "")],
        made_on=AUXILIARY_PLAN_ON,
        by=officer,
    )


def load(stdout) -> None:
    officer = User.objects.filter(username="zhengzhichu").first()
    leader = User.objects.filter(username="lingdao").first()
    manager = User.objects.filter(username="bantang").first()
    if officer is None or leader is None:
        return
    created = 0
    created += _admit(
        demo_veteran(),
        steps=VETERAN_HISTORY,
        level=CultivationLevel.COUNTY,
        category=ReserveCategory.PUBLIC,
        officer=officer,
        leader=leader,
    )
    created += _admit(
        demo_traffic_auxiliary(),
        steps=AUXILIARY_HISTORY,
        level=CultivationLevel.UNIT,
        category=ReserveCategory.PUBLIC,
        officer=officer,
        leader=leader,
    )
    flood_people = (
        Person.objects.filter(
            pk__in=DeedPerson.objects.filter(deed__event__name=FLOOD_EVENT, deed__status=DeedStatus.VERIFIED).values(
                "person"
            ),
            status=PersonStatus.ACTIVE,
            joined_police_on__lt=FLOOD_HISTORY[0][1],
        )
        .exclude(honours__status="revoked")  # the one whose flood 嘉奖 was revoked is not held up as an example
        .select_related("unit")
        .order_by("badge_number")[:4]
    )
    for person in flood_people:
        created += _admit(
            person,
            steps=FLOOD_HISTORY,
            level=CultivationLevel.UNIT,
            category=ReserveCategory.FRONTLINE,
            officer=officer,
            leader=leader,
        )
    if manager is not None:
        candidate = (
            Person.objects.filter(unit__name="半汤派出所", status=PersonStatus.ACTIVE, reserve_entries__isnull=True)
            .exclude(name=getattr(demo_veteran(), "name", ""))  # not a namesake of the veteran on the same list
            .order_by("badge_number")
            .first()
        )
        if (
            candidate is not None
            and not ReserveEntry.objects.filter(person__unit__name="半汤派出所", status="proposed").exists()
        ):
            propose_tier(
                person=candidate,
                to_tier=Tier.RESERVE,
                reason="长期坚守社区警务岗位，辖区群众多次来信表扬。",
                level=CultivationLevel.UNIT,
                category=ReserveCategory.GRASSROOTS,
                by=manager,
            )
            created += 1
    load_plans(officer)
    stdout.write(f"\n典型储备库：共 {ReserveEntry.objects.count()} 条（本次新增 {created} 条）")
    stdout.write(demo_practice.load(officer, leader))
