"""Demo honours for 2022 on top of the deeds demo: the epidemic checkpoint's 通报表扬 and the published 嘉奖
figures (合肥市局 4, 巢湖市委组织部、疫情防控办公室 8, 巢湖市局 8), the flood team's 三等功 and a collective 嘉奖,
a veteran's 最美爱民模范, a traffic auxiliary's 辅警之星, 记功 and 巢湖好人, and one 嘉奖 revoked on a ground.
Every choice is ordered, so running it again finds each honour and records nothing twice."""

import datetime

from qunying.accounts.models import User
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed
from qunying.demo.deeds import (
    DEMO_YEAR,
    EPIDEMIC_EVENT,
    FLOOD_EVENT,
    TRAFFIC_AUXILIARY_DEEDS,
    VETERAN_DEED,
    demo_traffic_auxiliary,
    demo_veteran,
)
from qunying.honours.enums import HonourStatus, IssuerKind, IssuerLevel
from qunying.honours.models import AwardType, Honour, Issuer
from qunying.honours.services import approve_honour, create_issuer, record_honour, revoke_honour
from qunying.org.enums import PersonCategory
from qunying.org.models import Person, Unit

CITY_BUREAU = "合肥市公安局"
PARTY_AND_EPIDEMIC_OFFICE = "中共巢湖市委组织部、巢湖市疫情防控办公室"
COUNTY_BUREAU = "巢湖市公安局"
CIVILISATION_OFFICE = "巢湖市文明办"
# (name, short name as reports cite it, level, kind); a joint document is one issuer, so the figures show one line.
ISSUERS = [
    (CITY_BUREAU, "合肥市局", IssuerLevel.CITY, IssuerKind.POLICE),
    (PARTY_AND_EPIDEMIC_OFFICE, "巢湖市委组织部、疫情防控办公室", IssuerLevel.COUNTY, IssuerKind.PARTY),
    (COUNTY_BUREAU, "巢湖市局", IssuerLevel.COUNTY, IssuerKind.POLICE),
    ("安徽省公安厅", "省厅", IssuerLevel.PROVINCE, IssuerKind.POLICE),
    (CIVILISATION_OFFICE, "巢湖市文明办", IssuerLevel.COUNTY, IssuerKind.CIVIC),
    ("中共巢湖市委", "巢湖市委", IssuerLevel.COUNTY, IssuerKind.PARTY),
    ("公安部", "公安部", IssuerLevel.NATIONAL, IssuerKind.POLICE),
]

# The epidemic roster (20 officers by badge number) split as Chaohu published it: (issuer, how many, date, 文号).
EPIDEMIC_COMMENDATIONS = [
    (CITY_BUREAU, 4, datetime.date(DEMO_YEAR, 6, 20), "合公政〔2022〕45号"),
    (PARTY_AND_EPIDEMIC_OFFICE, 8, datetime.date(DEMO_YEAR, 6, 10), "巢组通〔2022〕23号"),
    (COUNTY_BUREAU, 8, datetime.date(DEMO_YEAR, 6, 28), "巢公政〔2022〕31号"),
]
EPIDEMIC_PRAISE = (datetime.date(DEMO_YEAR, 5, 25), "巢公通〔2022〕12号")
# The veteran's 最美爱民模范, a week before the report meeting on it (reserve_practice) and before he became an
# exemplar in January 2023 (the reserve demo's calendar).
VETERAN_AWARDED_ON = datetime.date(DEMO_YEAR, 12, 9)
REVOCATION = {
    "ground": "经核查，该同志防汛期间请假离岗三天，所报执勤时长与考勤记录不符，奖励依据不实。",
    "revoked_on": datetime.date(DEMO_YEAR + 1, 3, 15),
    "document_number": "巢公政〔2023〕9号",
}


class Recorder:
    """Records demo honours once each: an honour already there (same recipient, award, issuer and date) is skipped."""

    def __init__(self, by, approver=None):
        self.by, self.approver = by, approver  # four eyes: entered by one officer, approved by another
        self.issuers = {issuer.name: issuer for issuer in Issuer.objects.all()}
        self.awards = {award.code: award for award in AwardType.objects.all()}
        self.created = 0

    def find(self, *, person=None, unit=None, award: str, issuer: str, awarded_on) -> Honour | None:
        return Honour.objects.filter(
            person=person, unit=unit, award_type=self.awards[award], issuer=self.issuers[issuer], awarded_on=awarded_on
        ).first()

    def record(self, *, person=None, unit=None, award: str, issuer: str, awarded_on, deeds=(), **fields) -> Honour:
        existing = self.find(person=person, unit=unit, award=award, issuer=issuer, awarded_on=awarded_on)
        if existing is not None:
            return existing
        self.created += 1
        honour = record_honour(
            person=person,
            unit=unit,
            award_type=self.awards[award],
            issuer=self.issuers[issuer],
            awarded_on=awarded_on,
            deeds=list(deeds),
            by=self.by,
            **fields,
        )
        return approve_honour(honour, by=self.approver)


def load_issuers() -> None:
    for name, short_name, level, kind in ISSUERS:
        if not Issuer.objects.filter(name=name).exists():
            create_issuer(name=name, short_name=short_name, level=level, kind=kind, by=None)


def _event_deeds(event_name: str) -> list[tuple[Person, Deed]]:
    """Each rostered person's verified deed of the event, by badge number."""
    deeds = (
        Deed.objects.filter(event__name=event_name, status=DeedStatus.VERIFIED)
        .prefetch_related("participants__person__unit")
        .order_by("pk")
    )
    pairs = [(participant.person, deed) for deed in deeds for participant in deed.participants.all()]
    return sorted(pairs, key=lambda pair: pair[0].badge_number)


def load_epidemic(recorder: Recorder) -> None:
    roster = _event_deeds(EPIDEMIC_EVENT)
    praised_on, praise_number = EPIDEMIC_PRAISE
    for person, deed in roster:
        recorder.record(
            person=person,
            award="public_praise",
            issuer=COUNTY_BUREAU,
            awarded_on=praised_on,
            document_number=praise_number,
            reason="疫情防控卡点执勤期间坚守岗位、严格查验，予以通报表扬。",
            deeds=[deed],
        )
    start = 0
    for issuer, count, awarded_on, number in EPIDEMIC_COMMENDATIONS:
        for person, deed in roster[start : start + count]:
            recorder.record(
                person=person,
                award="commendation",
                issuer=issuer,
                awarded_on=awarded_on,
                document_number=number,
                reason="在2022年疫情防控工作中表现突出，予以嘉奖。",
                deeds=[deed],
            )
        start += count


# The auxiliary series' counterpart of a police award, for the auxiliaries on a roster (eligibility by category).
AUXILIARY_COUNTERPART = {"commendation": "aux_commendation", "merit_class_3": "aux_merit"}


def _award_for(person: Person, award: str) -> str:
    return AUXILIARY_COUNTERPART.get(award, award) if person.category == PersonCategory.AUXILIARY else award


def load_flood(recorder: Recorder, *, revoker) -> None:
    roster = _event_deeds(FLOOD_EVENT)
    if len(roster) < 3:
        return
    for person, deed in roster[:2]:
        recorder.record(
            person=person,
            award=_award_for(person, "merit_class_3"),
            issuer=CITY_BUREAU,
            awarded_on=datetime.date(DEMO_YEAR, 8, 15),
            document_number="合公政〔2022〕61号",
            reason="在巢湖防汛抢险中巡堤查险、转移群众，成绩突出，记三等功。",
            deeds=[deed],
        )
    person, deed = roster[2]
    commendation = recorder.record(
        person=person,
        award=_award_for(person, "commendation"),
        issuer=COUNTY_BUREAU,
        awarded_on=datetime.date(DEMO_YEAR, 8, 5),
        document_number="巢公政〔2022〕40号",
        reason="在巢湖防汛抢险中表现突出，予以嘉奖。",
        deeds=[deed],
    )
    if commendation.status == HonourStatus.ACTIVE and revoker is not None:
        revoke_honour(commendation, approved_by=revoker, by=revoker, **REVOCATION)
    station = Unit.objects.filter(name="中庙派出所").first()
    station_deeds = [deed for person, deed in roster if station is not None and person.unit.is_within(station)]
    if station_deeds:
        recorder.record(
            unit=station,
            award="commendation",
            issuer=COUNTY_BUREAU,
            awarded_on=datetime.date(DEMO_YEAR, 8, 5),
            document_number="巢公政〔2022〕41号",
            reason="中庙派出所在巢湖防汛抢险中守堤护民，集体嘉奖。",
            deeds=station_deeds,
        )


def load_veteran(recorder: Recorder) -> None:
    veteran = demo_veteran()
    deed = Deed.objects.filter(title=VETERAN_DEED, participants__person=veteran, status=DeedStatus.VERIFIED).first()
    if veteran is None or deed is None:
        return
    awarded_on = max(deed.date, VETERAN_AWARDED_ON)
    years = (
        awarded_on.year
        - veteran.joined_police_on.year
        - ((awarded_on.month, awarded_on.day) < (veteran.joined_police_on.month, veteran.joined_police_on.day))
    )
    recorder.record(
        person=veteran,
        award="model_caring_for_people",
        issuer=CITY_BUREAU,
        awarded_on=awarded_on,
        document_number=f"合公政〔{awarded_on.year}〕96号",
        reason=f"从警{years}年，扎根{veteran.unit.name}基层一线，走遍辖区每一户，调解纠纷上千起，深受群众爱戴。",
        deeds=[deed],
    )


def load_traffic_auxiliary(recorder: Recorder) -> None:
    auxiliary = demo_traffic_auxiliary()
    if auxiliary is None:
        return
    titles = [title for title, _date, _hazard in TRAFFIC_AUXILIARY_DEEDS]
    deeds = {
        deed.title: deed
        for deed in Deed.objects.filter(title__in=titles, participants__person=auxiliary, status=DeedStatus.VERIFIED)
    }
    if len(deeds) < len(titles):
        return
    escort, rescue, truck = (deeds[title] for title in titles)
    recorder.record(
        person=auxiliary,
        award="aux_star",
        issuer=COUNTY_BUREAU,
        awarded_on=datetime.date(DEMO_YEAR, 8, 31),
        document_number="巢公政〔2022〕52号",
        reason="评为2022年8月“辅警之星”。",
        deeds=[rescue],
    )
    recorder.record(
        person=auxiliary,
        award="aux_merit",
        issuer=COUNTY_BUREAU,
        awarded_on=datetime.date(DEMO_YEAR, 12, 20),
        document_number="巢公政〔2022〕88号",
        reason="拦停失控货车，避免连环事故，记功一次。",
        deeds=[truck],
    )
    recorder.record(
        person=auxiliary,
        award="chaohu_good_person",
        issuer=CIVILISATION_OFFICE,
        awarded_on=datetime.date(DEMO_YEAR + 1, 1, 16),
        document_number="巢文明办〔2023〕2号",
        reason="见义勇为、助人为乐，当选“巢湖好人”。",
        deeds=[escort, rescue],
    )


def load(stdout) -> None:
    load_issuers()
    leader = User.objects.filter(username="lingdao").first()
    recorder = Recorder(User.objects.filter(username="zhengzhichu").first(), approver=leader)
    load_epidemic(recorder)
    load_flood(recorder, revoker=leader)
    load_veteran(recorder)
    load_traffic_auxiliary(recorder)
    total = Honour.objects.count()
    revoked = Honour.objects.filter(status=HonourStatus.REVOKED).count()
    stdout.write(f"\n奖励：共 {total} 项（已撤销 {revoked} 项，本次新增 {recorder.created} 项）")
