"""Deeds (about ten a person), honours (about one a person, across every ladder and issuer level), duty events with
their rosters, police-citizen forums and public nominations, each with the audit entries its service would write."""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel, NominationStatus
from qunying.deeds.models import Deed, DeedPerson, DutyEvent, Forum, ForumFeedback, PublicNomination, RosterEntry
from qunying.demo.province.bulk import (
    AuditTrail,
    date_value,
    fast_insert,
    insert,
    moment_value,
    next_id,
    reset_sequences,
)
from qunying.demo.province.names import PROVINCE
from qunying.demo.province.org import Province
from qunying.honours.enums import AwardEligibility, AwardLadder, HonourStatus, IssuerKind, IssuerLevel
from qunying.honours.models import AuthorityRule, AwardType, Honour, Issuer
from qunying.org.enums import PostType

FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2026, 10, 31)
DEEDS_BY_POST = {
    PostType.COMMUNITY: ["化解邻里纠纷", "走访独居老人", "帮助走失老人回家", "排查社区安全隐患", "调解物业矛盾"],
    PostType.HOUSEHOLD: ["上门为行动不便群众办理身份证", "延时服务办结户籍业务", "帮助群众找回遗失证件"],
    PostType.PATROL: ["巡逻中救助落水群众", "快速处置街面警情", "抓获现行盗窃嫌疑人", "护送突发疾病群众就医"],
    PostType.TRAFFIC: ["雨夜疏导拥堵路段", "处置高速追尾事故", "护送高考考生", "救助被困车辆人员"],
    PostType.CRIMINAL_INVESTIGATION: ["侦破系列盗窃案", "抓获网上逃犯", "追回被骗资金", "破获电信诈骗团伙"],
    PostType.PUBLIC_ORDER: ["查处娱乐场所违法行为", "整治校园周边秩序", "排查危爆物品隐患"],
    PostType.SPECIAL_POLICE: ["处置持刀伤人警情", "完成重大安保任务", "参与山林火灾救援"],
}
OTHER_DEEDS = ["圆满完成重大活动安保", "加班加点保障系统运行", "主动请缨参与防汛抢险", "带病坚守工作岗位"]
REJECTION = "事迹与考勤记录不符，经核实不予认定。"
FORUM_PLACES = ["社区警务室", "村委会议室", "街道办事处", "派出所会议室"]
FORUM_FEEDBACK = ["群众反映夜间巡逻到位，治安明显好转", "感谢社区民警帮助调解邻里纠纷", "建议增加学校周边护学岗"]
NOMINATION_STORIES = [
    "民警冒雨帮我们推车，衣服全湿了也不肯收毛巾",
    "辅警在路口扶起摔倒的老人并送回家",
    "深夜帮我找回了丢失的钱包",
]


def random_day(rng: random.Random, first: datetime.date = FIRST_DAY, last: datetime.date = LAST_DAY) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class DeedRef(NamedTuple):
    pk: int
    date: datetime.date
    narrative: str


DEED_COLUMNS = ["id", "title", "date", "narrative", "hazard", "source", "status", "rejection_reason"]
DEED_COLUMNS += ["verified_by_id", "verified_at", "unit_id", "proposed_by_id"]


def build_deeds(province: Province, per_person: int, rng: random.Random, trail: AuditTrail) -> dict[int, list]:
    """About `per_person` deeds a person, a fifth shared with one or two colleagues of the same unit; most verified.
    Plain INSERTs (two million rows at 200,000 people); the audit log gets each decision."""
    verifier, proposer = province.users["zhengzhi"], province.users["suozhang"]
    by_unit = defaultdict(list)
    for person in province.people:
        by_unit[person.unit_id].append(person)
    verified_of: dict[int, list[DeedRef]] = defaultdict(list)
    deed_id = next_id(Deed)
    rows, links = [], []
    hazards, sources = list(HazardLevel.values), list(DeedSource.values)

    def flush():
        fast_insert(Deed, DEED_COLUMNS, rows)
        fast_insert(DeedPerson, ["deed_id", "person_id", "position"], links)
        rows.clear()
        links.clear()

    for person in province.people:
        titles = DEEDS_BY_POST.get(person.post_type, OTHER_DEEDS)
        for _ in range(max(0, round(rng.gauss(per_person, per_person / 3)))):
            day = random_day(rng, max(FIRST_DAY, person.joined_work_on or FIRST_DAY))
            draw = rng.random()
            status = DeedStatus.VERIFIED if draw < 0.8 else DeedStatus.PROPOSED if draw < 0.92 else DeedStatus.REJECTED
            team = [person]
            if rng.random() < 0.2:
                colleagues = by_unit[person.unit_id]
                team.extend(p for p in rng.sample(colleagues, min(2, len(colleagues))) if p is not person)
            decided = status != DeedStatus.PROPOSED
            decided_at = moment(day + datetime.timedelta(days=rng.randint(1, 20)), 15) if decided else None
            title = rng.choice(titles)
            narrative = f"{day:%Y年%m月%d日}，{person.name}同志{title}，受到群众好评。"
            rows.append(
                (
                    deed_id,
                    title,
                    date_value(day),
                    narrative,
                    rng.choices(hazards, weights=(60, 25, 12, 3))[0],
                    rng.choices(sources, weights=(80, 8, 4, 4, 4))[0],
                    status,
                    REJECTION if status == DeedStatus.REJECTED else "",
                    verifier.pk if decided else None,
                    moment_value(decided_at),
                    person.unit_id,
                    proposer.pk if rng.random() < 0.1 else None,
                )
            )
            links.extend((deed_id, p.pk, i) for i, p in enumerate(team))
            ref = DeedRef(deed_id, day, narrative)
            if status == DeedStatus.VERIFIED:
                trail.add(ref, "deeds.deed.verified", at=decided_at, by=verifier, model=Deed, text=title)
                for member in team:
                    verified_of[member.pk].append(ref)
            elif status == DeedStatus.REJECTED:
                trail.add(ref, "deeds.deed.rejected", at=decided_at, by=verifier, model=Deed, text=title)
            deed_id += 1
            if len(rows) >= 20_000:
                flush()
    flush()
    reset_sequences(Deed, DeedPerson)
    return verified_of


def build_events(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """Three duty events per city (flood relief, a major security task, epidemic control) with a roster of 30."""
    by_city = defaultdict(list)
    city_of = {}
    for city in province.cities:
        for county in province.counties:
            if county.parent_id == city.pk:
                city_of[county.pk] = city
    for station in province.stations:
        city_of[station.pk] = city_of.get(station.parent_id)
    for person in province.people:
        city = city_of.get(person.unit_id) or (person.unit if person.unit in province.cities else None)
        if city is not None:
            by_city[city.pk].append(person)
    events, rosters = [], []
    for city in province.cities:
        for year, kind, title in (
            (2022, DutyEventKind.EPIDEMIC_CONTROL, "疫情防控卡点执勤"),
            (2024, DutyEventKind.FLOOD_RELIEF, "防汛抢险"),
            (2025, DutyEventKind.MAJOR_SECURITY, "重大活动安保"),
        ):
            start = random_day(rng, datetime.date(year, 5, 1), datetime.date(year, 8, 31))
            event = DutyEvent(
                kind=kind,
                name=f"{year}年{city.name[:-3]}{title}",
                starts_on=start,
                ends_on=start + datetime.timedelta(days=rng.randint(3, 40)),
                unit=city,
                created_by=province.users["zhengzhi"],
            )
            people = rng.sample(by_city[city.pk], min(30, len(by_city[city.pk])))
            events.append(event)
            rosters.append(people)
    insert(DutyEvent, events)
    entries = []
    for event, people in zip(events, rosters, strict=True):
        trail.add(event, "deeds.event.created", at=moment(event.starts_on, 8), by=province.users["zhengzhi"])
        entries.extend(
            RosterEntry(event=event, person=p, role="队员", post="一线卡点", hours=Decimal(rng.randint(8, 200)))
            for p in people
        )
    insert(RosterEntry, entries)
    return len(events)


def catalogue(province: Province) -> dict:
    """Issuers at every level (the ministry, the province's organs, each city and county bureau) and the awards."""
    wanted = [
        ("公安部", "公安部", IssuerLevel.NATIONAL, IssuerKind.POLICE),
        (province.root.name, "省厅", IssuerLevel.PROVINCE, IssuerKind.POLICE),
        (f"中共{PROVINCE}委", "省委", IssuerLevel.PROVINCE, IssuerKind.PARTY),
        (f"{PROVINCE}精神文明建设委员会", "省文明委", IssuerLevel.PROVINCE, IssuerKind.CIVIC),
        *[
            (city.name, city.name.replace("公安局", "局"), IssuerLevel.CITY, IssuerKind.POLICE)
            for city in province.cities
        ],
        *[(c.name, c.name.replace("公安局", "局"), IssuerLevel.COUNTY, IssuerKind.POLICE) for c in province.counties],
    ]
    issuers = {}
    for name, short_name, level, kind in wanted:
        issuers[name] = Issuer.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "level": level, "kind": kind}
        )[0]
    rules = {(r.issuer_level, r.issuer_kind, r.ladder): r.max_grade for r in AuthorityRule.objects.all()}
    awards = list(AwardType.objects.filter(active=True).order_by("grade"))
    return {"issuers": issuers, "rules": rules, "awards": awards}


def _allowed(rules: dict, issuer: Issuer, award: AwardType) -> bool:
    grade = rules.get((issuer.level, issuer.kind, award.ladder), rules.get((issuer.level, "", award.ladder)))
    return grade is not None and award.grade <= grade


def _eligible(award: AwardType, category: str) -> bool:
    if award.eligible_category == AwardEligibility.ANYONE:
        return True
    return award.eligible_category == category


def build_honours(
    province: Province, verified_of: dict[int, list[DeedRef]], rng: random.Random, trail: AuditTrail
) -> int:
    """About one honour a person, issued at county (55 %), city (30 %), province (12 %) or national (3 %) level,
    the award being one that issuer may give and the person may receive; some collective honours, a few revoked."""
    found = catalogue(province)
    issuers, rules, awards = found["issuers"], found["rules"], found["awards"]
    city_of = {county.pk: county.parent_id for county in province.counties}
    county_of = {station.pk: station.parent_id for station in province.stations}
    units = {unit.pk: unit for unit in province.units}
    province_issuers = [i for i in issuers.values() if i.level == IssuerLevel.PROVINCE]
    national = [i for i in issuers.values() if i.level == IssuerLevel.NATIONAL]
    recorder = province.users["zhengzhi"]

    def issuer_for(unit_id: int) -> Issuer:
        county_id = county_of.get(unit_id, unit_id if unit_id in city_of else None)
        city_id = city_of.get(county_id) if county_id else (unit_id if units[unit_id].depth == 1 else None)
        level = rng.choices(("county", "city", "province", "national"), weights=(55, 30, 12, 3))[0]
        if level == "county" and county_id:
            return issuers[units[county_id].name]
        if level in ("county", "city") and city_id:
            return issuers[units[city_id].name]
        return rng.choice(national if level == "national" else province_issuers)

    honours, deed_links = [], []
    for person in province.people:
        for _ in range(rng.choices((0, 1, 2, 3), weights=(35, 40, 18, 7))[0]):
            issuer = issuer_for(person.unit_id)
            options = [a for a in awards if _eligible(a, person.category) and _allowed(rules, issuer, a)]
            options = [a for a in options if a.applies_to != "unit"]
            if not options:
                continue
            award = rng.choices(options, weights=[1 / (1 + a.grade / 10) ** 2 for a in options])[0]
            deeds = verified_of.get(person.pk) or []
            deed = rng.choice(deeds) if deeds and rng.random() < 0.6 else None
            day = (deed.date + datetime.timedelta(days=rng.randint(10, 90))) if deed else random_day(rng)
            honour = Honour(
                person=person,
                award_type=award,
                issuer=issuer,
                awarded_on=min(day, LAST_DAY),
                document_number=f"{issuer.short_name or issuer.name[:2]}〔{day.year}〕{rng.randint(1, 200)}号",
                reason=deed.narrative if deed else f"{person.name}同志工作成绩突出",
                recorded_by=recorder,
            )
            if rng.random() < 0.005:
                honour.status = HonourStatus.REVOKED
                honour.revoked_on = min(LAST_DAY, honour.awarded_on + datetime.timedelta(days=rng.randint(30, 300)))
                honour.revocation_ground = "经核查，奖励依据不实。"
            honours.append(honour)
            deed_links.append(deed)
    unit_awards = [a for a in awards if a.applies_to != "person" and a.ladder == AwardLadder.POLICE and a.grade <= 30]
    for unit in rng.sample(province.stations, max(1, len(province.stations) // 5)):
        issuer = issuer_for(unit.pk)
        options = [a for a in unit_awards if _allowed(rules, issuer, a)] or unit_awards[:1]
        day = random_day(rng)
        honours.append(
            Honour(
                unit=unit,
                award_type=rng.choice(options),
                issuer=issuer,
                awarded_on=day,
                document_number=f"{issuer.short_name}〔{day.year}〕{rng.randint(1, 200)}号",
                reason=f"{unit.name}全年工作成绩突出",
                recorded_by=recorder,
            )
        )
        deed_links.append(None)
    insert(Honour, honours)
    through = Honour.deeds.through
    insert(through, (through(honour_id=h.pk, deed_id=d.pk) for h, d in zip(honours, deed_links, strict=True) if d))
    for honour in honours:
        trail.add(honour, "honours.honour.recorded", at=moment(honour.awarded_on, 16), by=recorder)
        if honour.status == HonourStatus.REVOKED:
            trail.add(honour, "honours.honour.revoked", at=moment(honour.revoked_on, 16), by=recorder)
    return len(honours)


def build_forums(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """One police-citizen forum per county and year since 2023, with its stations and the citizens' feedback."""
    stations_of = defaultdict(list)
    for station in province.stations:
        stations_of[station.parent_id].append(station)
    people_of = defaultdict(list)
    for person in province.people:
        people_of[person.unit_id].append(person)
    forums = []
    for county in province.counties:
        for year in (2023, 2024, 2025, 2026):
            day = random_day(rng, datetime.date(year, 3, 1), datetime.date(year, 10, 31))
            forums.append(
                Forum(
                    date=day,
                    place=f"{county.name[:-3]}{rng.choice(FORUM_PLACES)}",
                    unit=county,
                    attendees=rng.randint(20, 120),
                    notes="会上通报辖区治安形势，听取群众意见建议。",
                    created_by=province.users["zhengzhi"],
                )
            )
    insert(Forum, forums)
    through = Forum.units.through
    insert(through, (through(forum_id=f.pk, unit_id=s.pk) for f in forums for s in stations_of[f.unit_id][:5]))
    feedback, mentions = [], []
    for forum in forums:
        trail.add(forum, "deeds.forum.created", at=moment(forum.date, 17), by=province.users["zhengzhi"])
        for text in rng.sample(FORUM_FEEDBACK, 2):
            feedback.append(ForumFeedback(forum=forum, text=text))
            station = rng.choice(stations_of[forum.unit_id]) if stations_of[forum.unit_id] else None
            officers = people_of[station.pk] if station else []
            mentions.append(rng.choice(officers) if officers else None)
    insert(ForumFeedback, feedback)
    through = ForumFeedback.officers.through
    insert(
        through,
        (through(forumfeedback_id=f.pk, person_id=p.pk) for f, p in zip(feedback, mentions, strict=True) if p),
    )
    return len(forums)


def build_public_nominations(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """Citizens' nominations (one for every 50 people): new, triaged, linked to the officer, or rejected."""
    nominations = []
    for _ in range(max(3, len(province.people) // 50)):
        person = rng.choice(province.people)
        status = rng.choices(list(NominationStatus.values), weights=(30, 20, 40, 10))[0]
        day = random_day(rng, datetime.date(2024, 1, 1))
        nominations.append(
            PublicNomination(
                officer_text=person.name if rng.random() < 0.7 else person.badge_number,
                unit_text=person.unit.name,
                unit=person.unit if status != NominationStatus.NEW else None,
                place=f"{person.unit.name[:-3]}附近",
                occurred_on=day,
                story=rng.choice(NOMINATION_STORIES),
                contact_name="张先生",
                contact_phone=f"139{rng.randrange(10**8):08d}",
                status=status,
                person=person if status == NominationStatus.LINKED else None,
                rejection_reason="无法核实所述事迹" if status == NominationStatus.REJECTED else "",
                triaged_by=province.users["zhengzhi"] if status != NominationStatus.NEW else None,
                triaged_at=moment(day + datetime.timedelta(days=3)) if status != NominationStatus.NEW else None,
            )
        )
    insert(PublicNomination, nominations)
    for nomination in nominations:
        trail.add(nomination, "deeds.nomination.received", at=moment(nomination.occurred_on, 20))
    return len(nominations)
