"""Demo reserve consistent with the honours demo: the veteran (最美爱民模范) as 典型 at county level, the traffic
auxiliary (辅警之星) as 重点, flood-relief team members as 储备, and one 储备 proposal of 半汤派出所 awaiting approval.
Units without a focus person stay so, to show gaps in coverage. Running it again finds each entry and adds nothing."""

from qunying.accounts.models import User
from qunying.deeds.demo import FLOOD_EVENT, demo_traffic_auxiliary, demo_veteran
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import DeedPerson
from qunying.org.enums import PersonStatus
from qunying.org.models import Person
from qunying.reserve.enums import CultivationLevel, ReserveCategory, Tier
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier


def _admit(person, *, tiers, level, category, reason, officer, leader) -> bool:
    if person is None or ReserveEntry.objects.filter(person=person).exists():
        return False
    first = propose_tier(person=person, to_tier=Tier.RESERVE, reason=reason, level=level, category=category, by=officer)
    decide_tier_change(first, approve=True, note="同意入库。", by=officer)
    for tier in tiers:
        change = propose_tier(person=person, to_tier=tier, reason=reason, by=officer)
        decide_tier_change(change, approve=True, note="同意。", by=leader if tier == Tier.EXEMPLAR else officer)
    return True


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
    stdout.write(f"\n典型储备库：共 {ReserveEntry.objects.count()} 条（本次新增 {created} 条）")
