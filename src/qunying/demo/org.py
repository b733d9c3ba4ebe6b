"""Demo bureau: 巢湖市公安局 (the design's example, a county-level city bureau under 合肥市公安局) and ~300 invented
people. Generation is seeded, so running it again finds the same badge numbers and creates nothing twice."""

import datetime
import random

from faker import Faker

from qunying.org.enums import AuxiliaryKind, PersonCategory, PersonStatus, PoliceRank, PostType, UnitKind
from qunying.org.idcard import check_char
from qunying.org.models import AuxiliaryTier, Person, Unit
from qunying.org.services import create_aux_tier, create_person, create_unit

BUREAU = "巢湖市公安局"
REGION_CODE = "340181"  # 巢湖市
DEMO_DATE = datetime.date(2026, 11, 1)

# (name, kind, people, post types, children as (name, kind, people))
TREE = [
    ("政治处", UnitKind.DEPARTMENT, 8, [PostType.POLITICAL], []),
    ("指挥中心", UnitKind.DEPARTMENT, 12, [PostType.COMMAND], []),
    (
        "交警大队",
        UnitKind.BRIGADE,
        10,
        [PostType.TRAFFIC],
        [("城区中队", UnitKind.SQUAD, 24), ("高速中队", UnitKind.SQUAD, 16), ("事故中队", UnitKind.SQUAD, 10)],
    ),
    ("治安管理大队", UnitKind.BRIGADE, 14, [PostType.PUBLIC_ORDER], []),
    ("刑事侦查大队", UnitKind.BRIGADE, 14, [PostType.CRIMINAL_INVESTIGATION], [("重案中队", UnitKind.SQUAD, 8)]),
    ("特警大队", UnitKind.BRIGADE, 18, [PostType.SPECIAL_POLICE, PostType.PATROL], []),
    (
        "半汤派出所",
        UnitKind.POLICE_STATION,
        30,
        [PostType.COMMUNITY, PostType.HOUSEHOLD, PostType.PATROL],
        [("汤山警务室", UnitKind.OFFICE, 6)],
    ),
    ("卧牛山派出所", UnitKind.POLICE_STATION, 28, [PostType.COMMUNITY, PostType.HOUSEHOLD, PostType.PATROL], []),
    ("亚父派出所", UnitKind.POLICE_STATION, 26, [PostType.COMMUNITY, PostType.HOUSEHOLD, PostType.PATROL], []),
    ("天河派出所", UnitKind.POLICE_STATION, 24, [PostType.COMMUNITY, PostType.HOUSEHOLD, PostType.PATROL], []),
    ("凤凰山派出所", UnitKind.POLICE_STATION, 22, [PostType.COMMUNITY, PostType.HOUSEHOLD, PostType.PATROL], []),
    ("中庙派出所", UnitKind.POLICE_STATION, 20, [PostType.COMMUNITY, PostType.PATROL], []),
]
AUX_TIERS = [("见习辅警", 1), ("初级辅警", 2), ("中级辅警", 3), ("高级辅警", 4), ("资深辅警", 5)]
# Police ranks by years of service, most senior first.
RANKS_BY_SERVICE = [
    (30, PoliceRank.SUPERINTENDENT_1),
    (24, PoliceRank.SUPERINTENDENT_2),
    (18, PoliceRank.SUPERINTENDENT_3),
    (12, PoliceRank.INSPECTOR_1),
    (8, PoliceRank.INSPECTOR_2),
    (4, PoliceRank.INSPECTOR_3),
    (2, PoliceRank.CONSTABLE_1),
    (0, PoliceRank.CONSTABLE_2),
]


def ensure_unit(name: str, kind: str, parent: Unit | None, sort_order: int) -> Unit:
    existing = Unit.objects.filter(name=name, parent=parent).first()
    return existing or create_unit(name=name, kind=kind, parent=parent, sort_order=sort_order, by=None)


def load_units() -> tuple[Unit, list[tuple[Unit, int, list[str]]]]:
    bureau = ensure_unit(BUREAU, UnitKind.BUREAU, None, 0)
    staffing = []
    for order, (name, kind, people, posts, children) in enumerate(TREE, start=1):
        unit = ensure_unit(name, kind, bureau, order)
        staffing.append((unit, people, posts))
        for child_order, (child_name, child_kind, child_people) in enumerate(children, start=1):
            staffing.append((ensure_unit(child_name, child_kind, unit, child_order), child_people, posts))
    return bureau, staffing


def demo_id_number(rng: random.Random, birth: datetime.date, male: bool) -> str:
    sequence = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{REGION_CODE}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def invented_person(fake: Faker, rng: random.Random, unit: Unit, posts: list[str], index: int, tiers) -> dict:
    police = rng.random() < 0.42
    male = rng.random() < 0.78
    years = rng.randint(1, 38) if police else rng.randint(1, 16)
    joined = DEMO_DATE.replace(year=DEMO_DATE.year - years) - datetime.timedelta(days=rng.randint(0, 300))
    birth = joined.replace(year=joined.year - rng.randint(20, 25)) - datetime.timedelta(days=rng.randint(0, 364))
    fields = {
        "name": fake.name_male() if male else fake.name_female(),
        "category": PersonCategory.POLICE if police else PersonCategory.AUXILIARY,
        "badge_number": f"{340000 + index:06d}" if police else f"F{18000 + index:05d}",
        "gender": "male" if male else "female",
        "birth_date": birth,
        "id_number": demo_id_number(rng, birth, male),
        "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        "unit": unit,
        "post_type": rng.choice(posts),
        "joined_work_on": joined,
        "joined_police_on": joined,
        "party_member": rng.random() < (0.7 if police else 0.25),
        "status": PersonStatus.ACTIVE if rng.random() < 0.96 else PersonStatus.RETIRED,
        "classified": unit.name == "刑事侦查大队" and rng.random() < 0.3,
    }
    if police:
        fields["police_rank"] = next(rank for floor, rank in RANKS_BY_SERVICE if years >= floor)
    else:
        fields["auxiliary_kind"] = (
            AuxiliaryKind.CIVILIAN if posts[0] in ("political", "command") else AuxiliaryKind.DUTY
        )
        fields["aux_tier"] = tiers[min(len(tiers) - 1, years // 3)]
    return fields


def load(stdout) -> None:
    bureau, staffing = load_units()
    for name, level in AUX_TIERS:
        if not AuxiliaryTier.objects.filter(name=name).exists():
            create_aux_tier(name=name, level=level, by=None)
    tiers = list(AuxiliaryTier.objects.filter(name__in=[name for name, _ in AUX_TIERS]).order_by("level"))

    fake, rng = Faker("zh_CN"), random.Random(2026)
    fake.seed_instance(2026)
    existing = set(Person.objects.values_list("badge_number", flat=True))
    created, index = 0, 0
    for unit, headcount, posts in staffing:
        for _ in range(headcount):
            index += 1
            fields = invented_person(fake, rng, unit, posts, index, tiers)
            if fields["badge_number"] not in existing:
                create_person(by=None, **fields)
                created += 1
    units = Unit.objects.filter(path__startswith=bureau.path).count()
    people = Person.objects.filter(unit__path__startswith=bureau.path).count()
    stdout.write(f"演示单位：{BUREAU}，{units} 个单位，{people} 人（本次新增 {created} 人）")
