"""Demo reserve consistent with the honours demo: the veteran (最美爱民模范) as 典型 at county level, the traffic
auxiliary (辅警之星) as 重点, flood-relief team members as 储备, and one 储备 proposal of 半汤派出所 awaiting approval.
Units without a focus person stay so, to show gaps in coverage. Activities, visits and evaluation rounds come from
`demo_practice`. Running it again finds each entry and adds nothing."""

import datetime

from qunying.accounts.models import User
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import DeedPerson
from qunying.demo import reserve_practice as demo_practice
from qunying.demo.deeds import DEMO_YEAR, FLOOD_EVENT, demo_traffic_auxiliary, demo_veteran
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit
from qunying.reserve.enums import CultivationLevel, EntryStatus, ReserveCategory, Tier
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier
from qunying.reserve.services.plans import add_milestone, complete_milestone, create_plan


def _admit(person, *, tiers, level, category, reason, officer, leader) -> bool:
    if person is None or ReserveEntry.objects.filter(person=person).exists():
        return False
    first = propose_tier(person=person, to_tier=Tier.RESERVE, reason=reason, level=level, category=category, by=officer)
    decide_tier_change(first, approve=True, note="同意入库。", by=officer)
    for tier in tiers:
        change = propose_tier(person=person, to_tier=tier, reason=reason, by=officer)
        decide_tier_change(change, approve=True, note="同意。", by=leader if tier == Tier.EXEMPLAR else officer)
    return True


def _plan(person, *, level, owner_unit, goals, milestones, by) -> None:
    entry = ReserveEntry.objects.filter(person=person, status=EntryStatus.ACTIVE).first() if person else None
    if entry is None or entry.plans.exists() or owner_unit is None:
        return
    plan = create_plan(entry, level=level, owner_unit=owner_unit, goals=goals, by=by)
    for title, due_on, done_on, evidence in milestones:
        milestone = add_milestone(plan, title=title, due_on=due_on, by=by)
        if done_on is not None:
            complete_milestone(milestone, done_on=done_on, evidence=evidence, by=by)


def load_plans(officer) -> None:
    """The veteran's county-level plan owned by the bureau (one milestone done, one overdue); the traffic auxiliary's
    unit-level plan owned by their squad."""
    veteran, auxiliary = demo_veteran(), demo_traffic_auxiliary()
    _plan(
        veteran,
        level=CultivationLevel.COUNTY,
        owner_unit=Unit.objects.filter(parent=None).order_by("pk").first(),
        goals="总结提炼“群众工作法”，形成可复制的社区警务经验；每季度开展一次事迹宣讲。",
        milestones=[
            ("完成事迹材料撰写", datetime.date(DEMO_YEAR, 9, 30), datetime.date(DEMO_YEAR, 9, 20), "事迹材料定稿"),
            ("在全局事迹报告会上宣讲", datetime.date(DEMO_YEAR, 12, 31), None, ""),
        ],
        by=officer,
    )
    _plan(
        auxiliary,
        level=CultivationLevel.UNIT,
        owner_unit=auxiliary.unit if auxiliary else None,
        goals="提升交通事故快处能力，结对帮带新入职辅警。",
        milestones=[("完成交通事故快处培训", datetime.date(DEMO_YEAR + 5, 6, 30), None, "")],
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
        tiers=[Tier.FOCUS, Tier.EXEMPLAR],
        level=CultivationLevel.COUNTY,
        category=ReserveCategory.PUBLIC,
        reason="扎根基层三十余年，获“最美爱民模范”称号，群众口碑好。",
        officer=officer,
        leader=leader,
    )
    created += _admit(
        demo_traffic_auxiliary(),
        tiers=[Tier.FOCUS],
        level=CultivationLevel.UNIT,
        category=ReserveCategory.PUBLIC,
        reason="获“辅警之星”称号，交通疏导中多次救助群众，群众满意度高。",
        officer=officer,
        leader=leader,
    )
    flood_people = (
        Person.objects.filter(
            pk__in=DeedPerson.objects.filter(deed__event__name=FLOOD_EVENT, deed__status=DeedStatus.VERIFIED).values(
                "person"
            ),
            status=PersonStatus.ACTIVE,
        )
        .select_related("unit")
        .order_by("badge_number")[:4]
    )
    for person in flood_people:
        created += _admit(
            person,
            tiers=[],
            level=CultivationLevel.UNIT,
            category=ReserveCategory.FRONTLINE,
            reason="2022年巢湖防汛抢险中冲锋在前，事迹经核实。",
            officer=officer,
            leader=leader,
        )
    if manager is not None:
        candidate = (
            Person.objects.filter(unit__name="半汤派出所", status=PersonStatus.ACTIVE, reserve_entries__isnull=True)
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
