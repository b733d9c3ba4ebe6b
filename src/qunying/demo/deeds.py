"""Demo discovery ledger for 2022 (epidemic checkpoints, the flood on 巢湖, a traffic auxiliary's and a veteran's
deeds, proposals awaiting verification, two forums, five public nominations) of people serving now who were in the
force by 2022. Every choice is seeded or ordered, so running it again creates nothing twice; the honours demo links
honours to these records through the constants and finders below."""

import datetime
import io
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from qunying.accounts.models import User
from qunying.deeds import services
from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel, NominationStatus
from qunying.deeds.models import Deed, DutyEvent, Forum, PublicNomination
from qunying.deeds.services import Participant, RosterRow
from qunying.deeds.services.deeds import needs_evidence
from qunying.demo.org import BUREAU
from qunying.org.enums import PersonCategory, PersonStatus, PostType, UnitKind
from qunying.org.models import Person, Unit

DEMO_YEAR = 2022

EPIDEMIC_EVENT = "2022年疫情防控卡点执勤"
EPIDEMIC_DEED = "坚守疫情防控卡点"
# Four police officers from each of these units: exactly 20 people on the roster, each with one verified deed.
EPIDEMIC_UNITS = ["半汤派出所", "卧牛山派出所", "天河派出所", "城区中队", "特警大队"]
EPIDEMIC_PER_UNIT = 4
EPIDEMIC_POSTS = ["合巢路疫情防控卡点", "G5011巢湖北出口卡点", "巢湖站旅客核验点", "半汤高速出口卡点"]

FLOOD_EVENT = "2022年巢湖防汛抢险"
FLOOD_DEED = "巢湖大堤防汛抢险"
FLOOD_UNITS = [("中庙派出所", 4), ("治安管理大队", 2), ("凤凰山派出所", 2)]

TRAFFIC_AUXILIARY_UNIT = ("交警大队", "城区中队")
TRAFFIC_AUXILIARY_DEEDS = [
    ("雨夜护送迷路老人回家", datetime.date(2022, 4, 12), HazardLevel.NONE),
    ("早高峰疏导拥堵路口救助突发疾病司机", datetime.date(2022, 8, 3), HazardLevel.LOW),
    ("拦停失控货车避免连环事故", datetime.date(2022, 11, 18), HazardLevel.HIGH),
]
VETERAN_DEED = "扎根基层三十余年的社区民警"

SECURITY_EVENT = "2022年中考考点安保"
SECURITY_DEED = "中考考点安保执勤"
SERVING_IN_2022 = {"status": PersonStatus.ACTIVE, "joined_police_on__year__lt": DEMO_YEAR}  # no later recruit


def _bureau() -> Unit:
    return Unit.objects.get(name=BUREAU, parent=None)


def _units(bureau: Unit) -> dict[str, Unit]:
    return {unit.name: unit for unit in Unit.objects.filter(path__startswith=bureau.path)}


def _active(unit: Unit, **filters):
    return Person.objects.filter(unit=unit, **SERVING_IN_2022, **filters).select_related("unit")


def demo_traffic_auxiliary() -> Person | None:
    """The traffic auxiliary of 交警大队 城区中队 whose deeds the demo records (the first by badge number)."""
    brigade, squad = TRAFFIC_AUXILIARY_UNIT
    unit = Unit.objects.filter(name=squad, parent__name=brigade).first()
    if unit is None:
        return None
    return _active(unit, category=PersonCategory.AUXILIARY, post_type=PostType.TRAFFIC).order_by("badge_number").first()


def demo_veteran() -> Person | None:
    """The longest-serving active police officer of any 派出所 (ties by badge number)."""
    return (
        Person.objects.filter(
            unit__kind=UnitKind.POLICE_STATION,
            category=PersonCategory.POLICE,
            status=PersonStatus.ACTIVE,
            joined_police_on__isnull=False,
        )
        .select_related("unit")
        .order_by("joined_police_on", "badge_number")
        .first()
    )


def _actor() -> User | None:
    # The political department's demo account records and verifies, so the pages show a name; the system otherwise.
    return User.objects.filter(username="zhengzhichu").first()


def _event(name: str, **fields) -> tuple[DutyEvent, bool]:
    existing = DutyEvent.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    return services.create_duty_event(name=name, by=None, **fields), True


def _roster_event_with_deeds(event: DutyEvent, people: list[tuple[Person, str, str, Decimal]], deed: dict, *, by):
    """Roster the people, enter their deeds at once and verify them (unless `verify` is False)."""
    verify = deed.pop("verify", True)
    services.import_roster_rows(
        event, rows=[RosterRow(person=p, role=role, post=post, hours=hours) for p, role, post, hours in people], by=None
    )
    # Entered from the 2022 ledger by the system, verified by the political department: four eyes.
    deeds = services.propose_deeds_from_roster(event, people=[p for p, *_ in people], by=None, **deed)
    if verify:
        _attach_scene_photo(deeds)
        services.decide_deeds(
            Deed.objects.filter(pk__in=[d.pk for d in deeds]).select_related("unit"), verify=True, by=by
        )
    return deeds


def _attach_scene_photo(deeds) -> None:
    """Deeds above the hazard threshold are verified on evidence: a scene photo for each."""
    for deed in deeds:
        if needs_evidence(deed) and not deed.evidence.exists():
            buffer = io.BytesIO()
            Image.new("RGB", (16, 12), (90, 110, 140)).save(buffer, "PNG")
            upload = SimpleUploadedFile("现场照片.png", buffer.getvalue(), content_type="image/png")
            services.attach_evidence(deed, upload=upload, description="现场照片", by=None)


def load_epidemic(units: dict[str, Unit], rng: random.Random, *, by) -> int:
    event, created = _event(
        EPIDEMIC_EVENT,
        kind=DutyEventKind.EPIDEMIC_CONTROL,
        starts_on=datetime.date(DEMO_YEAR, 3, 10),
        ends_on=datetime.date(DEMO_YEAR, 5, 20),
        unit=units[BUREAU],
        units=[units[name] for name in EPIDEMIC_UNITS],
        description="全市各进出通道设立疫情防控卡点，民警24小时轮班值守，查验通行人员和车辆。",
    )
    if not created:
        return 0
    people = []
    for name in EPIDEMIC_UNITS:
        officers = list(
            _active(units[name], category=PersonCategory.POLICE).order_by("badge_number")[:EPIDEMIC_PER_UNIT]
        )
        for index, person in enumerate(officers):
            role = "带班民警" if index == 0 else "执勤民警"
            people.append((person, role, rng.choice(EPIDEMIC_POSTS), Decimal(rng.randrange(240, 720, 8))))
    _roster_event_with_deeds(
        event,
        people,
        {
            "title": EPIDEMIC_DEED,
            "narrative": "疫情防控期间，坚守卡点七十余天，昼夜轮班查验过往车辆和人员，"
            "劝返高风险人员，协助转运隔离人员，未发生一起疫情输入。",
            "date": datetime.date(DEMO_YEAR, 5, 20),
            "hazard": HazardLevel.MEDIUM,
        },
        by=by,
    )
    return len(people)


def load_flood(units: dict[str, Unit], rng: random.Random, *, by) -> int:
    event, created = _event(
        FLOOD_EVENT,
        kind=DutyEventKind.FLOOD_RELIEF,
        starts_on=datetime.date(DEMO_YEAR, 7, 4),
        ends_on=datetime.date(DEMO_YEAR, 7, 22),
        unit=units[BUREAU],
        units=[units[name] for name, _ in FLOOD_UNITS],
        description="巢湖水位超警戒，沿湖派出所和治安大队组成抢险突击队，巡堤查险、转移群众。",
    )
    if not created:
        return 0
    people = []
    for name, count in FLOOD_UNITS:
        for person in _active(units[name]).order_by("-badge_number")[:count]:
            people.append((person, "抢险突击队员", "巢湖大堤中庙段", Decimal(rng.randrange(60, 200, 4))))
    _roster_event_with_deeds(
        event,
        people,
        {
            "title": FLOOD_DEED,
            "narrative": "连续十八天巡堤查险，发现并处置管涌险情两处，深夜涉水转移被困群众四十余人。",
            "date": datetime.date(DEMO_YEAR, 7, 22),
            "hazard": HazardLevel.HIGH,
        },
        by=by,
    )
    return len(people)


def load_security(units: dict[str, Unit], rng: random.Random, *, by) -> int:
    """A daily-duty style event whose deeds still wait for the station head's verification."""
    station = units["半汤派出所"]
    event, created = _event(
        SECURITY_EVENT,
        kind=DutyEventKind.MAJOR_SECURITY,
        starts_on=datetime.date(DEMO_YEAR, 6, 15),
        ends_on=datetime.date(DEMO_YEAR, 6, 17),
        unit=station,
        units=[station],
    )
    if not created:
        return 0
    people = [
        (person, "考点执勤", "巢湖市第四中学考点", Decimal(rng.randrange(18, 30)))
        for person in _active(station).order_by("-badge_number")[:6]
    ]
    _roster_event_with_deeds(
        event,
        people,
        {
            "title": SECURITY_DEED,
            "narrative": "中考三天，在考点周边疏导交通、维护秩序，帮助忘带准考证的考生取回证件。",
            "date": datetime.date(DEMO_YEAR, 6, 17),
            "hazard": HazardLevel.NONE,
            "verify": False,
        },
        by=by,
    )
    return len(people)


def _standalone(title: str, person: Person, *, verify: bool, by, **fields) -> bool:
    if Deed.objects.filter(title=title, participants__person=person).exists():
        return False
    deed = services.create_deed(title=title, participants=[Participant(person=person)], by=None, **fields)
    if verify:
        _attach_scene_photo([deed])
        services.verify_deed(deed, by=by)
    return True


def load_standalone(units: dict[str, Unit], *, by) -> int:
    created = 0
    auxiliary = demo_traffic_auxiliary()
    if auxiliary is not None:
        for title, date, hazard in TRAFFIC_AUXILIARY_DEEDS:
            created += _standalone(
                title,
                auxiliary,
                verify=True,
                by=by,
                date=date,
                hazard=hazard,
                narrative=f"{auxiliary.name}在城区路口执勤时{title}，群众送来锦旗致谢。",
            )
    veteran = demo_veteran()
    if veteran is not None:
        years = DEMO_YEAR - veteran.joined_police_on.year
        created += _standalone(
            VETERAN_DEED,
            veteran,
            verify=True,
            by=by,
            date=datetime.date(DEMO_YEAR, 12, 1),
            hazard=HazardLevel.NONE,
            narrative=f"扎根基层{years}年，走遍辖区每一户人家，调解邻里纠纷上千起，"
            f"被群众称为“{veteran.name[:1]}老警”。",
        )
    station = units["卧牛山派出所"]
    for person, title, source in zip(
        _active(station, category=PersonCategory.AUXILIARY).order_by("badge_number")[:2],
        ["帮助走失儿童找到家人", "网上报道：深夜救助醉酒落水群众"],
        [DeedSource.SUPERVISOR, DeedSource.MEDIA],
        strict=False,
    ):
        created += _standalone(
            title,
            person,
            verify=False,
            by=by,
            date=datetime.date(DEMO_YEAR, 9, 8),
            hazard=HazardLevel.LOW,
            narrative=f"{person.name}{title.split('：')[-1]}，事迹待所里核实。",
            source=source,
        )
    return created


FORUMS = [
    (
        datetime.date(DEMO_YEAR, 4, 26),
        "半汤街道汤山社区居委会",
        "半汤派出所",
        36,
        "社区居民代表、商户代表参加，围绕疫情期间的服务征求意见。",
        [
            ("疫情封控期间，社区民警每天帮独居老人送药送菜，老人们都记得他。", 1, True),
            ("希望派出所户籍窗口周末也能开放半天。", 0, False),
        ],
    ),
    (
        datetime.date(DEMO_YEAR, 10, 19),
        "卧牛山街道文化站",
        "卧牛山派出所",
        28,
        "辖区学校、企业代表参加，通报治安形势，听取意见建议。",
        [
            ("放学时段校门口总有辅警在疏导，孩子们过马路安全多了。", 1, False),
            ("建议加强夜间对河堤步道的巡逻。", 0, False),
        ],
    ),
]


def load_forums(units: dict[str, Unit], *, by) -> int:
    created = 0
    for date, place, unit_name, attendees, notes, items in FORUMS:
        if Forum.objects.filter(date=date, place=place).exists():
            continue
        unit = units[unit_name]
        forum = services.create_forum(
            date=date, place=place, unit=unit, units=[unit], attendees=attendees, notes=notes, by=by
        )
        officers = list(_active(unit).order_by("badge_number")[1:3])
        for text, named, convert in items:
            item = services.add_forum_feedback(forum, text=text, officers=officers[:named], by=by)
            if convert:
                services.convert_feedback_to_deed(item, title="座谈会群众点赞：为独居老人送药送菜", by=by)
        created += 1
    return created


NOMINATIONS = [
    # (officer as the citizen gives it, unit as given, place, date, story, contact name, phone, outcome)
    (
        "交警，警号记不清了",
        "交警大队城区中队",
        "巢湖市人民路与健康路交口",
        datetime.date(DEMO_YEAR, 8, 3),
        "那天早高峰我父亲开车时突发心脏不适，一位交警辅警立刻帮我们把车移到路边，打电话叫救护车，"
        "还一直陪到医生赶来。我们全家都很感激，想当面谢谢他。",
        "胡女士",
        "13955112345",
        "link",
    ),
    (
        "姓王的民警",
        "半汤派出所",
        "半汤街道",
        datetime.date(DEMO_YEAR, 5, 6),
        "我在派出所办理户口迁移，材料不齐，王警官加班帮我联系老家派出所核实，一次就办好了。",
        "",
        "",
        "new",
    ),
    (
        "一位年轻的女辅警",
        "",
        "巢湖站",
        datetime.date(DEMO_YEAR, 9, 30),
        "国庆前在火车站，我的钱包丢了，一位女辅警陪我调监控找了一个多小时，最后找回了钱包和证件。",
        "李先生",
        "18655198765",
        "new",
    ),
    (
        "社区民警老陈",
        "卧牛山派出所",
        "卧牛山街道",
        datetime.date(DEMO_YEAR, 11, 2),
        "老陈在我们社区十几年了，谁家有事都找他，邻里纠纷都是他调解好的。",
        "",
        "",
        "new",
    ),
    (
        "不知道名字",
        "",
        "",
        None,
        "我要投诉停车罚款不合理，请你们处理一下这个事情。",
        "张先生",
        "13866600000",
        "reject",
    ),
]


def load_nominations(units: dict[str, Unit], *, by) -> int:
    created = 0
    for officer, unit_text, place, date, story, contact, phone, outcome in NOMINATIONS:
        if PublicNomination.objects.filter(story=story).exists():
            continue
        nomination = services.submit_public_nomination(
            officer_text=officer,
            unit_text=unit_text,
            unit=units.get(unit_text),
            place=place,
            occurred_on=date,
            story=story,
            contact_name=contact,
            contact_phone=phone,
        )
        if outcome == "link" and (person := demo_traffic_auxiliary()) is not None:
            services.link_nomination(nomination, person=person, by=by)
        elif outcome == "reject":
            services.reject_nomination(
                nomination, reason="属于执法投诉，已转交督察部门处理，不属于社会征集范围。", by=by
            )
        created += 1
    return created


def load(stdout) -> None:
    units = _units(_bureau())
    by = _actor()
    rng = random.Random(DEMO_YEAR)
    rostered = load_epidemic(units, rng, by=by) + load_flood(units, rng, by=by) + load_security(units, rng, by=by)
    standalone = load_standalone(units, by=by)
    forums = load_forums(units, by=by)
    nominations = load_nominations(units, by=by)
    verified = Deed.objects.filter(status=DeedStatus.VERIFIED, date__year=DEMO_YEAR).count()
    waiting = PublicNomination.objects.filter(status=NominationStatus.NEW).count()
    stdout.write(
        f"\n事迹台账：{DEMO_YEAR} 年已核实事迹 {verified} 条（本次新增执勤名单 {rostered} 人、"
        f"单独事迹 {standalone} 条、警民座谈 {forums} 场、社会征集 {nominations} 条；待分拣征集 {waiting} 条）"
    )
