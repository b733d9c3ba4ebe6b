"""The province's unit tree (province → cities → counties → stations), its people and one login per benchmark role."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment, User
from qunying.core.text import pinyin_full, pinyin_initials
from qunying.demo.province.bulk import CST, AuditTrail, insert
from qunying.demo.province.names import PROVINCE, person_name, place_names, station_names
from qunying.org.enums import AuxiliaryKind, Gender, PersonCategory, PersonStatus, PoliceRank, PostType, UnitKind
from qunying.org.idcard import check_char
from qunying.org.models import AuxiliaryTier, Person, Unit

TODAY = datetime.date(2026, 11, 1)
PASSWORD = "Qunying@2026"  # noqa: S105  (synthetic benchmark data, printed by the command)
AUX_TIERS = [("见习辅警", 1), ("初级辅警", 2), ("中级辅警", 3), ("高级辅警", 4), ("资深辅警", 5)]
STATION_POSTS = [PostType.COMMUNITY] * 4 + [PostType.HOUSEHOLD] * 2 + [PostType.PATROL] * 3 + [PostType.OTHER]
HEADQUARTERS_POSTS = [
    PostType.TRAFFIC,
    PostType.TRAFFIC,
    PostType.CRIMINAL_INVESTIGATION,
    PostType.PUBLIC_ORDER,
    PostType.SPECIAL_POLICE,
    PostType.PATROL,
    PostType.COMMAND,
    PostType.ECONOMIC,
    PostType.NARCOTICS,
    PostType.CYBER,
    PostType.LEGAL,
    PostType.POLITICAL,
    PostType.LOGISTICS,
]
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


@dataclass
class Province:
    """What later steps need: the tree, the people (with their units) and the logins."""

    root: Unit
    cities: list[Unit]
    counties: list[Unit]
    stations: list[Unit]
    people: list[Person] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)

    @property
    def units(self) -> list[Unit]:
        return [self.root, *self.cities, *self.counties, *self.stations]


def root_name(seed: int, default_seed: int) -> str:
    return f"{PROVINCE}公安厅" if seed == default_seed else f"{PROVINCE}公安厅（{seed}）"


def tree_shape(people: int) -> tuple[int, int, int]:
    """(cities, counties, stations): 16, 100 and 1,500 at 200,000 people, fewer below (about 130 people a station)."""
    stations = min(1500, max(3, round(people / 130)))
    counties = min(100, max(1, round(stations / 15)))
    cities = min(16, max(1, round(counties / 6.25)))
    return cities, counties, stations


def _children(parent: Unit, names: list[tuple[str, str]], trail: AuditTrail, at) -> list[Unit]:
    units = insert(
        Unit,
        (
            Unit(name=name, kind=kind, parent=parent, sort_order=order, path="", depth=parent.depth + 1)
            for order, (name, kind) in enumerate(names, start=1)
        ),
    )
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=1000)
    for unit in units:
        trail.add(unit, "org.unit.created", at=at, data={"name": unit.name, "kind": unit.kind, "parent": parent.pk})
    return units


def build_units(name: str, people: int, rng: random.Random, trail: AuditTrail) -> Province:
    at = datetime.datetime(2019, 12, 1, 9, 0, tzinfo=CST)
    root = Unit.objects.create(name=name, kind=UnitKind.BUREAU, path="", depth=0)
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    trail.add(root, "org.unit.created", at=at, data={"name": name, "kind": UnitKind.BUREAU, "parent": None})
    city_count, county_count, station_count = tree_shape(people)
    places = place_names(rng, city_count + county_count)
    cities = _children(root, [(f"{place}市公安局", UnitKind.BUREAU) for place in places[:city_count]], trail, at)
    counties = []
    county_places = places[city_count:]
    for index, city in enumerate(cities):
        mine = county_places[index::city_count]
        names = [(f"{p}{'分局' if i % 3 == 0 else '县公安局'}", UnitKind.BUREAU) for i, p in enumerate(mine)]
        counties.extend(_children(city, names, trail, at))
    stations = []
    for index, county in enumerate(counties):
        count = station_count // county_count + (1 if index < station_count % county_count else 0)
        names = [(station, UnitKind.POLICE_STATION) for station in station_names(rng, count)]
        stations.extend(_children(county, names, trail, at))
    return Province(root=root, cities=cities, counties=counties, stations=stations)


def aux_tiers() -> list[AuxiliaryTier]:
    for name, level in AUX_TIERS:
        AuxiliaryTier.objects.get_or_create(name=name, defaults={"level": level})
    return list(AuxiliaryTier.objects.filter(name__in=[name for name, _ in AUX_TIERS]).order_by("level"))


def id_number(rng: random.Random, region: str, birth: datetime.date, male: bool) -> str:
    sequence = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def _staffing(province: Province, people: int) -> list[tuple[Unit, list[str], int]]:
    """(unit, post types, headcount): 1 % at the province, 4 % in city bureaus, 20 % in county bureaus, the rest in
    stations; remainders go to the first units so the total is exactly `people`."""
    shares = [
        ([province.root], HEADQUARTERS_POSTS, 0.01),
        (province.cities, HEADQUARTERS_POSTS, 0.04),
        (province.counties, HEADQUARTERS_POSTS, 0.20),
    ]
    plan, assigned = [], 0
    for units, posts, share in shares:
        total = int(people * share)
        for index, unit in enumerate(units):
            count = total // len(units) + (1 if index < total % len(units) else 0)
            plan.append((unit, posts, count))
        assigned += total
    rest = people - assigned
    stations = province.stations
    for index, unit in enumerate(stations):
        plan.append((unit, STATION_POSTS, rest // len(stations) + (1 if index < rest % len(stations) else 0)))
    return plan


def build_people(province: Province, people: int, badge_prefix: str, rng: random.Random, trail: AuditTrail) -> None:
    tiers = aux_tiers()
    region_of = {}
    for index, unit in enumerate(province.units):
        region_of[unit.pk] = f"34{(index % 16) + 1:02d}{(index % 80) + 1:02d}"
    pinyin: dict[str, tuple[str, str]] = {}
    number = 0
    batch: list[Person] = []

    def flush():
        insert(Person, batch)
        for person in batch:
            trail.add(
                person,
                "org.person.created",
                at=timezone.make_aware(datetime.datetime.combine(person.joined_work_on, datetime.time(9))),
                data={"badge_number": person.badge_number, "name": person.name, "unit": person.unit_id},
            )
        province.people.extend(batch)
        batch.clear()

    for unit, posts, headcount in _staffing(province, people):
        for _ in range(headcount):
            number += 1
            police = rng.random() < 0.45
            male = rng.random() < 0.8
            years = rng.randint(1, 36) if police else rng.randint(1, 15)
            joined = TODAY - datetime.timedelta(days=years * 365 + rng.randint(0, 300))
            birth = joined - datetime.timedelta(days=rng.randint(20 * 365, 26 * 365))
            name = person_name(rng, male)
            if name not in pinyin:
                pinyin[name] = (pinyin_initials(name), pinyin_full(name))
            post = rng.choice(posts)
            person = Person(
                name=name,
                name_initials=pinyin[name][0],
                name_pinyin=pinyin[name][1],
                category=PersonCategory.POLICE if police else PersonCategory.AUXILIARY,
                badge_number=f"{badge_prefix}{number:07d}" if police else f"F{badge_prefix}{number:07d}",
                gender=Gender.MALE if male else Gender.FEMALE,
                birth_date=birth,
                id_number=id_number(rng, region_of[unit.pk], birth, male),
                phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                unit=unit,
                post_type=post,
                joined_work_on=joined,
                joined_police_on=joined,
                party_member=rng.random() < (0.7 if police else 0.25),
                status=PersonStatus.ACTIVE if rng.random() < 0.96 else PersonStatus.RETIRED,
                classified=post == PostType.CRIMINAL_INVESTIGATION and rng.random() < 0.2,
            )
            if police:
                person.police_rank = next(rank for floor, rank in RANKS_BY_SERVICE if years >= floor)
            else:
                person.auxiliary_kind = (
                    AuxiliaryKind.CIVILIAN if post in (PostType.POLITICAL, PostType.COMMAND) else AuxiliaryKind.DUTY
                )
                person.aux_tier = tiers[min(len(tiers) - 1, years // 3)]
            batch.append(person)
            if len(batch) >= 5000:
                flush()
    flush()


def build_logins(province: Province, prefix: str, trail: AuditTrail) -> dict[str, User]:
    """The benchmark's logins: the province's political officer, a station manager (linked to a serving police officer
    of the first station, so his own record opens), a leader, a care officer, a publicity editor and three judges."""
    station = province.stations[0]
    logins = [
        ("zhengzhi", f"{PROVINCE}公安厅政治部", Role.POLITICAL_OFFICER, province.root),
        ("lingdao", f"{PROVINCE}公安厅领导", Role.LEADER, province.root),
        ("suozhang", f"{station.name}所长", Role.UNIT_MANAGER, station),
        ("guanai", "关爱专员", Role.CARE_OFFICER, province.root),
        ("xuanchuan", "宣传干部", Role.PUBLICITY_EDITOR, province.root),
        ("pingwei1", "评委一", Role.JUDGE, province.root),
        ("pingwei2", "评委二", Role.JUDGE, province.root),
        ("pingwei3", "评委三", Role.JUDGE, province.root),
    ]
    at = datetime.datetime(2020, 1, 2, 9, 0, tzinfo=CST)
    users = {}
    hashed = make_password(PASSWORD)  # one hash for all: each costs a second of PBKDF2
    for key, full_name, role, unit in logins:
        user = User(username=f"{prefix}-{key}", full_name=full_name, password_changed_at=timezone.now())
        user.password = hashed
        user.save()
        assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit)
        trail.add(assignment, "accounts.role.assigned", at=at, data={"username": user.username, "role": role})
        users[key] = user
    manager = next(
        p
        for p in province.people
        if p.unit_id == station.pk and p.category == PersonCategory.POLICE and p.status == PersonStatus.ACTIVE
    )
    Person.objects.filter(pk=manager.pk).update(user=users["suozhang"])
    manager.user = users["suozhang"]
    province.users = users
    return users
