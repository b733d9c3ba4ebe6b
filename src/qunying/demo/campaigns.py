"""Demo campaigns for 巢湖市公安局 (seeded, idempotent): closed 2022 monthly campaigns giving the published 8
“辅警之星” and 16 “辅警标兵” (eight campaigns of each; the August 辅警之星 is the traffic auxiliary whose honour the
honours demo enters from 巢公政〔2022〕52号, and the campaign links it), a closed November 2022 “最美民警”, and one
“辅警之星” campaign of the current month in its judging phase for the demo judge (评委演示账号)."""

import contextlib
import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment, User
from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, CampaignType
from qunying.campaigns.queries import campaign_results
from qunying.campaigns.services.evidence import link_rating
from qunying.campaigns.services.types import set_notice_phone
from qunying.core.services import log_action
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed
from qunying.demo.accounts import DEMO_PASSWORD
from qunying.demo.deeds import demo_traffic_auxiliary
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour, Issuer
from qunying.honours.queries import honourable_deeds
from qunying.org.models import Person, Unit

DEMO_YEAR = 2022
SEED = 2022
STAR_MONTHS = [1, 2, 3, 5, 6, 8, 9, 11]  # one 辅警之星 each: 8
MODEL_MONTHS = [1, 2, 4, 5, 7, 8, 10, 11]  # two 辅警标兵 each: 16
POLICE_MONTH = 11
AUGUST_STAR_DOCUMENT = "巢公政〔2022〕52号"
DEMO_NOTICE_PHONE = "0551-82321110"  # the political department's desk on the demo notices (fictional)
# Two more judges make up the three reviews each nomination needs; like every demo login they use the demo password.
EXTRA_JUDGES = [("pingwei2", "评委（演示）二"), ("pingwei3", "评委（演示）三")]
LENIENCY = [0.0, 1.2, -1.5]  # one fair, one lenient, one harsh judge
STATEMENTS = [
    "扎根社区警务一线，全年走访群众千余户，化解矛盾纠纷数十起，群众满意度高。",
    "在防汛抢险中连续奋战，转移被困群众，表现突出。",
    "交通疏导中多次救助群众，工作认真负责，服务热情。",
    "协助破获多起盗窃案件，工作踏实肯干，作风过硬。",
]


def judges() -> list[User]:
    team = [User.objects.get(username="pingwei")]
    bureau = Unit.objects.get(parent=None)
    for username, full_name in EXTRA_JUDGES:
        user, _created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        # Refreshed on every run, as accounts.demo does: the demo stays usable past the password expiry.
        user.set_password(DEMO_PASSWORD)
        user.password_changed_at = timezone.now()
        user.must_change_password = False
        user.save(update_fields=["password", "password_changed_at", "must_change_password"])
        assignment, assigned = RoleAssignment.objects.get_or_create(user=user, role=Role.JUDGE, unit=bureau)
        if assigned:
            log_action(assignment, "accounts.demo.account_loaded", by=None, data={"username": username})
        team.append(user)
    return team


def pool(category: str, exclude: set[int]) -> list[Person]:
    people = Person.objects.filter(category=category, status="active", classified=False).exclude(pk__in=exclude)
    return list(people.select_related("unit").order_by("badge_number"))


def serving_on(people: list[Person], day: datetime.date) -> list[Person]:
    """Those of `people` already in the force on `day`: a 2022 campaign nominates no later recruit."""
    return [person for person in people if person.joined_police_on is not None and person.joined_police_on < day]


def pick(people: list[Person], count: int, rng: random.Random, taken: set[int]) -> list[Person]:
    """`count` people of distinct units not taken yet."""
    rng.shuffle(people)
    chosen, units = [], set()
    for person in people:
        if person.pk not in taken and person.unit_id not in units:
            chosen.append(person)
            units.add(person.unit_id)
            taken.add(person.pk)
        if len(chosen) == count:
            break
    return chosen


def run_campaign(campaign_type, month, nominees, team, rng, *, favourite=None, document_number="", close=True):
    day = datetime.date(DEMO_YEAR, month, 1)
    campaign = services.open_campaign(campaign_type=campaign_type, day=day, by=None)
    nominations = [
        services.nominate(campaign=campaign, person=person, statement=rng.choice(STATEMENTS), by=None)
        for person in nominees
    ]
    services.advance_phase(campaign=campaign, to=Phase.JUDGING, by=None)
    criteria = list(campaign_type.criteria.all())
    for nomination in nominations:
        merit = 9.6 if nomination.person == favourite else rng.uniform(5.5, 8.8)
        for judge, leniency in zip(team, LENIENCY, strict=True):
            assignment = services.assign_judge(nomination=nomination, judge=judge, by=None)
            scores = {
                c.pk: (round(min(10, max(0, merit + leniency + rng.uniform(-0.6, 0.6))), 1), "") for c in criteria
            }
            services.submit_scores(assignment=assignment, scores=scores, by=judge)
    if campaign_type.has_public_vote:
        services.advance_phase(campaign=campaign, to=Phase.VOTING, by=None)
    services.advance_phase(campaign=campaign, to=Phase.DECIDING, by=None)
    campaign.refresh_from_db()
    ranking = [row.nomination for row in campaign_results(campaign)]
    services.propose_winners(campaign=campaign, winners=ranking[: campaign_type.quota_per_period], by=None)
    decided_on = campaign.judging_until + datetime.timedelta(days=3)
    campaign = services.approve_winners(campaign=campaign, by=None, today=decided_on)
    if close:
        services.close_campaign(
            campaign=campaign,
            by=None,
            today=campaign.notice_ends + datetime.timedelta(days=1),
            document_number=document_number,
        )
    return campaign


def load(stdout) -> None:
    issuer = Issuer.objects.filter(name="巢湖市公安局").first()
    types = {t.code: t for t in CampaignType.objects.all()}
    if issuer is None or len(types) < 3:
        return
    for campaign_type in types.values():
        if campaign_type.issuer_id is None:
            services.set_issuer(campaign_type=campaign_type, issuer=issuer, by=None)
        if not campaign_type.notice_phone:
            set_notice_phone(campaign_type=campaign_type, phone=DEMO_NOTICE_PHONE, by=None)
    team = judges()
    created = 0
    traffic = demo_traffic_auxiliary()
    taken = {traffic.pk} if traffic else set()
    # Everyone already nominated in the demo stays out of later pools, so the winners are distinct.
    taken |= set(Campaign.objects.values_list("nominations__person", flat=True).exclude(nominations__person=None))
    auxiliaries = pool("auxiliary", set())
    plans = [("aux_star", month, 3) for month in STAR_MONTHS] + [("aux_model", month, 4) for month in MODEL_MONTHS]
    for code, month, count in plans:
        campaign_type = types[code]
        if Campaign.objects.filter(campaign_type=campaign_type, period_start=datetime.date(DEMO_YEAR, month, 1)):
            continue
        rng = random.Random(f"{SEED}-{code}-{month}")
        nominees = pick(serving_on(auxiliaries, datetime.date(DEMO_YEAR, month, 1)), count, rng, taken)
        favourite = None
        document = f"巢公政〔{DEMO_YEAR}〕{100 + month * 2 + (code == 'aux_model')}号"
        if code == "aux_star" and month == 8 and traffic is not None:
            favourite, document = traffic, AUGUST_STAR_DOCUMENT
            nominees = [traffic, *[p for p in nominees if p.unit_id != traffic.unit_id][: count - 1]]
        run_campaign(campaign_type, month, nominees, team, rng, favourite=favourite, document_number=document)
        created += 1
    police_type = types["most_beautiful_police"]
    if not Campaign.objects.filter(campaign_type=police_type, period_start__year=DEMO_YEAR).exists():
        rng = random.Random(f"{SEED}-police")
        police = serving_on(pool("police", taken), datetime.date(DEMO_YEAR, POLICE_MONTH, 1))
        nominees = pick(police, 3, rng, taken)
        run_campaign(police_type, POLICE_MONTH, nominees, team, rng, document_number=f"巢公政〔{DEMO_YEAR}〕99号")
        created += 1
    created += load_current(types["aux_star"], team, auxiliaries, taken)
    stdout.write(f"\n评选活动：新建 {created} 期（2022年“辅警之星”8人、“辅警标兵”16人；本月一期评审中）。")


def load_current(campaign_type, team, auxiliaries, taken) -> int:
    """This month's 辅警之星 in judging: three nominations, each with the three demo judges, nothing scored yet."""
    today = timezone.localdate()
    start, _end = services.period_of(campaign_type.period, today)
    if Campaign.objects.filter(campaign_type=campaign_type, period_start=start).exists():
        return 0
    rng = random.Random(f"{SEED}-current")
    campaign = services.open_campaign(campaign_type=campaign_type, day=today, by=None)
    # Nominees with verified deeds come first, and their deeds, honours and citizen ratings are the evidence the
    # judges weigh on their review page.
    with_deeds = set(Deed.objects.filter(status=DeedStatus.VERIFIED).values_list("participants__person", flat=True))
    candidates = [p for p in auxiliaries if p.pk in with_deeds] or list(auxiliaries)
    for person in pick(candidates, 3, rng, taken):
        nomination = services.nominate(
            campaign=campaign,
            person=person,
            statement=rng.choice(STATEMENTS),
            deeds=list(honourable_deeds(person=person)[:3]),
            honours=list(Honour.objects.filter(person=person, status=HonourStatus.ACTIVE)[:3]),
            by=None,
        )
        with contextlib.suppress(ValidationError):  # no replies that year: the review says none is linked
            link_rating(nomination=nomination, year=DEMO_YEAR, by=None)
    services.balance_judges(campaign=campaign, judges=team, by=None, seed=SEED)
    services.advance_phase(campaign=campaign, to=Phase.JUDGING, by=None)
    return 1
