"""Reserve entries and cultivation plans, campaigns with judges' scores and public votes, stories, party branches with
a rating round, and care records — at the volumes a province would have, bulk-written.

Catalogue rows that a service already creates in one call (the default star scheme, a rating round and its opening,
which bulk-creates every branch's rating) go through that service; the audit trail is flushed around those calls so
the chain stays one line."""

import datetime
import hashlib
import random
from collections import defaultdict
from decimal import Decimal

from qunying.branches import services as branch_services
from qunying.branches.models import PartyBranch, RatingRound, StarScheme
from qunying.campaigns.models import Campaign, CampaignType, JudgeAssignment, Nomination, Score, Vote
from qunying.care.models import AwardDelivery, Entitlement, EntitlementRule, HealthEvent, WelfareVisit
from qunying.demo.province.bulk import AuditTrail, insert
from qunying.demo.province.org import Province
from qunying.demo.province.records import moment, random_day
from qunying.honours.models import Honour
from qunying.org.enums import PersonCategory, PersonStatus
from qunying.publicity.models import Column, ReviewStep, Story, StoryPerson, StoryReview
from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry

SCHEME_YEAR = 2025
CAMPAIGN_MONTHS = [(2026, month) for month in range(1, 11)]  # January to September closed, October in judging
STATEMENTS = ["扎根基层，服务群众成绩突出", "工作中敢于担当，多次圆满完成急难险重任务", "爱岗敬业，深受辖区群众好评"]


def build_all(province: Province, rng: random.Random, trail: AuditTrail) -> dict:
    counts = {}
    counts["reserve_entries"] = build_reserve(province, rng, trail)
    counts["campaigns"], counts["nominations"], counts["votes"] = build_campaigns(province, rng, trail)
    counts["stories"] = build_stories(province, rng, trail)
    counts["branches"] = build_branches(province, rng, trail)
    counts["care_records"] = build_care(province, rng, trail)
    return counts


def _serving(province: Province) -> list:
    return [p for p in province.people if p.status == PersonStatus.ACTIVE]


def build_reserve(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """2 % of serving people in the reserve (a few proposed), half of them with a cultivation plan and milestones."""
    officer = province.users["zhengzhi"]
    people = rng.sample(_serving(province), max(3, len(province.people) // 50))
    entries = []
    for person in people:
        status = "active" if rng.random() < 0.85 else "proposed"
        entries.append(
            ReserveEntry(
                person=person,
                tier=rng.choices(["reserve", "focus", "exemplar"], weights=(70, 22, 8))[0]
                if status == "active"
                else "",
                level=rng.choice(["unit", "county", "city", "province"]),
                category=rng.choice(["frontline", "grassroots", "public"]),
                post_type=person.post_type,
                since=random_day(rng, datetime.date(2023, 1, 1)) if status == "active" else None,
                status=status,
                created_by=officer,
            )
        )
    insert(ReserveEntry, entries)
    plans = [
        CultivationPlan(
            entry=entry,
            level=entry.level,
            owner_unit_id=entry.person.unit_id,
            goals="提升群众工作能力，参加一次业务培训，总结典型经验一篇。",
            created_by=officer,
        )
        for entry in entries
        if entry.status == "active" and rng.random() < 0.5
    ]
    insert(CultivationPlan, plans)
    milestones = []
    for plan in plans:
        for title, month in (("参加业务培训", 3), ("撰写经验材料", 6), ("年度总结", 12)):
            due = datetime.date(2026, month, 28)
            done = due if due < datetime.date(2026, 10, 1) and rng.random() < 0.7 else None
            milestones.append(Milestone(plan=plan, title=title, due_on=due, done_on=done))
    insert(Milestone, milestones)
    for entry in entries:
        trail.add(entry, "reserve.entry.proposed", at=moment(entry.since or datetime.date(2026, 9, 1)), by=officer)
    return len(entries)


def build_campaigns(province: Province, rng: random.Random, trail: AuditTrail) -> tuple[int, int, int]:
    """Monthly campaigns of every type in 2026: closed ones with nominations, three judges' scores and (where the type
    counts votes) public votes, and the October ones in judging. Periods another province already holds are skipped
    (a campaign is one per type and period in the installation)."""
    judges = [province.users[key] for key in ("pingwei1", "pingwei2", "pingwei3")]
    serving = _serving(province)
    pools = {
        True: [p for p in serving if p.category == PersonCategory.POLICE],
        False: [p for p in serving if p.category == PersonCategory.AUXILIARY],
    }
    per_campaign = max(3, min(60, len(province.people) // 300))
    campaigns, nominations, plans = [], [], []
    for campaign_type in CampaignType.objects.filter(active=True).order_by("pk"):
        taken = set(Campaign.objects.filter(campaign_type=campaign_type).values_list("period_start", flat=True))
        pool = pools[campaign_type.police_eligible] or serving
        for year, month in CAMPAIGN_MONTHS:
            start = datetime.date(year, month, 1)
            if start in taken:
                continue
            end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            judging = month == CAMPAIGN_MONTHS[-1][1]
            campaign = Campaign(
                campaign_type=campaign_type,
                title=f"{year}年{month}月“{campaign_type.name}”评选",
                period_start=start,
                period_end=end,
                phase="judging" if judging else "closed",
                nominating_until=end + datetime.timedelta(days=5),
                judging_until=end + datetime.timedelta(days=12),
                voting_until=end + datetime.timedelta(days=12) if campaign_type.vote_weight else None,
                closed_at=None if judging else moment(end + datetime.timedelta(days=25)),
            )
            campaigns.append(campaign)
            plans.append((campaign, rng.sample(pool, min(per_campaign, len(pool))), judging))
    insert(Campaign, campaigns)
    for campaign, nominees, judging in plans:
        for person in nominees:
            nominations.append(
                Nomination(
                    campaign=campaign,
                    person=person,
                    unit_id=person.unit_id,
                    nominated_by=province.users["zhengzhi"],
                    statement=rng.choice(STATEMENTS),
                    status="nominated" if judging else "not_selected",
                )
            )
    insert(Nomination, nominations)
    criteria = defaultdict(list)
    for campaign in campaigns:
        if campaign.campaign_type_id not in criteria:
            criteria[campaign.campaign_type_id] = list(campaign.campaign_type.criteria.all())
    assignments = [JudgeAssignment(nomination=n, judge=j) for n in nominations for j in judges]
    closed_ids = {c.pk for c in campaigns if c.phase == "closed"}
    for assignment in assignments:
        if assignment.nomination.campaign_id in closed_ids or rng.random() < 0.6:
            assignment.submitted_at = moment(assignment.nomination.campaign.judging_until - datetime.timedelta(days=2))
    insert(JudgeAssignment, assignments)
    scores = []
    for assignment in assignments:
        if assignment.submitted_at is None:
            continue
        for criterion in criteria[assignment.nomination.campaign.campaign_type_id]:
            span = float(criterion.max_score - criterion.min_score)
            value = float(criterion.min_score) + span * min(1.0, max(0.0, rng.gauss(0.78, 0.1)))
            scores.append(Score(assignment=assignment, criterion=criterion, value=Decimal(f"{value:.1f}")))
    insert(Score, scores)
    votes = []
    for nomination in nominations:
        if not nomination.campaign.campaign_type.vote_weight:
            continue
        for number in range(rng.randint(0, 30)):
            phone = f"{nomination.pk}-{number}"
            votes.append(
                Vote(
                    campaign_id=nomination.campaign_id,
                    nomination=nomination,
                    phone_hash=hashlib.sha256(phone.encode()).hexdigest(),
                    subnet=f"10.{rng.randrange(256)}.{rng.randrange(256)}.0/24",
                    seconds_after_verification=rng.uniform(5, 120),
                )
            )
    insert(Vote, votes)
    for campaign in campaigns:
        trail.add(
            campaign, "campaigns.campaign.created", at=moment(campaign.period_start), by=province.users["zhengzhi"]
        )
    return len(campaigns), len(nominations), len(votes)


def build_stories(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """One story for every 200 people about an honoured officer: most published, some in review, with consent."""
    editor, officer = province.users["xuanchuan"], province.users["zhengzhi"]
    steps = list(ReviewStep.objects.order_by("position"))
    columns = list(Column.objects.filter(active=True))
    honoured = list(
        Honour.objects.filter(person__unit__path__startswith=province.root.path, status="active")
        .select_related("person", "award_type")
        .order_by("pk")[: max(3, len(province.people) // 200)]
    )
    stories, people = [], []
    for honour in honoured:
        person = honour.person
        published = rng.random() < 0.8
        day = honour.awarded_on + datetime.timedelta(days=rng.randint(5, 60))
        stories.append(
            Story(
                title=f"{person.name}：{honour.award_type.name}背后的坚守",
                body=f"{person.name}同志{honour.reason}。他说：“群众的事再小也是大事。”",
                unit_id=person.unit_id,
                status="published" if published else "in_review",
                review_step=None if published or not steps else steps[0],
                published_at=moment(day) if published else None,
                view_count=rng.randint(0, 5000) if published else 0,
                created_by=editor,
            )
        )
        people.append(person)
    insert(Story, stories)
    insert(
        StoryPerson,
        (
            StoryPerson(story=s, person=p, consent_by="self", consent_given_at=s.published_at or moment(day))
            for s, p in zip(stories, people, strict=True)
        ),
    )
    if columns:
        through = Story.columns.through
        insert(through, (through(story_id=s.pk, column_id=rng.choice(columns).pk) for s in stories))
    reviews = [
        StoryReview(story=s, step=step, reviewer=officer, decision="approve")
        for s in stories
        if s.status == "published"
        for step in steps
    ]
    insert(StoryReview, reviews)
    for story in stories:
        trail.add(story, "publicity.story.created", at=story.published_at or moment(day), by=editor)
    return len(stories)


def build_branches(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """A party branch in every station and county bureau (its party members as members), then a rating round for the
    province opened through the service (which rates every branch in bulk)."""
    members_of = defaultdict(list)
    for person in province.people:
        if person.party_member and person.status == PersonStatus.ACTIVE:
            members_of[person.unit_id].append(person)
    branches, member_lists = [], []
    for unit in [*province.counties, *province.stations]:
        members = members_of.get(unit.pk)
        if not members:
            continue
        branches.append(
            PartyBranch(
                name=f"{unit.name}党支部",
                unit=unit,
                secretary=members[0],
                founded_on=random_day(rng, datetime.date(2000, 1, 1), datetime.date(2020, 12, 31)),
            )
        )
        member_lists.append(members)
    insert(PartyBranch, branches)
    through = PartyBranch.members.through
    insert(
        through,
        (
            through(partybranch_id=b.pk, person_id=p.pk)
            for b, members in zip(branches, member_lists, strict=True)
            for p in members
        ),
        batch_size=5000,
    )
    trail.flush()
    scheme = StarScheme.objects.filter(year=SCHEME_YEAR).first() or branch_services.create_default_scheme(
        year=SCHEME_YEAR, by=None
    )
    if branches and not RatingRound.objects.filter(scheme=scheme, unit=province.root).exists():
        rating_round = branch_services.create_round(scheme=scheme, unit=province.root, by=None)
        branch_services.open_round(rating_round, by=None)
    trail.resync()
    return len(branches)


def build_care(province: Province, rng: random.Random, trail: AuditTrail) -> int:
    """Entitlements of the honoured (one rule), award deliveries for most honours, health events and welfare visits."""
    carer = province.users["guanai"]
    rule = EntitlementRule.objects.filter(name="省级以上荣誉休养").first() or EntitlementRule.objects.create(
        name="省级以上荣誉休养", kind="recuperation", min_issuer_level="province", within_years=3, validity_days=365
    )
    honours = list(
        Honour.objects.filter(person__unit__path__startswith=province.root.path, status="active").values_list(
            "pk", "person_id", "person__unit_id", "awarded_on", "issuer__level"
        )
    )
    entitlements, deliveries, seen = [], [], set()
    for pk, person_id, unit_id, awarded_on, level in honours:
        if person_id is None:
            continue
        if level in ("province", "national") and awarded_on.year >= 2024 and (person_id, 2026) not in seen:
            seen.add((person_id, 2026))
            entitlements.append(
                Entitlement(
                    rule=rule,
                    person_id=person_id,
                    unit_id=unit_id,
                    year=2026,
                    status=rng.choice(["eligible", "granted", "used"]),
                    basis_honour_id=pk,
                )
            )
        if rng.random() < 0.85:
            deliveries.append(
                AwardDelivery(
                    honour_id=pk,
                    method=rng.choice(["at_post", "ceremony"]),
                    delivered_on=awarded_on + datetime.timedelta(days=rng.randint(1, 30)),
                    delivered_by="政治部",
                    recorded_by=carer,
                )
            )
    insert(Entitlement, entitlements)
    insert(AwardDelivery, deliveries)
    sick = rng.sample(province.people, max(2, len(province.people) // 100))
    events = [
        HealthEvent(
            person=p,
            kind=rng.choice(["hospitalised", "injured_on_duty"]),
            occurred_on=random_day(rng, datetime.date(2025, 1, 1)),
            recorded_by=carer,
        )
        for p in sick
    ]
    insert(HealthEvent, events)
    visits = [
        WelfareVisit(
            person_id=e.person_id,
            reason=e.kind,
            status="done" if e.occurred_on < datetime.date(2026, 10, 1) else "planned",
            due_on=e.occurred_on + datetime.timedelta(days=7),
            visited_on=e.occurred_on + datetime.timedelta(days=5)
            if e.occurred_on < datetime.date(2026, 10, 1)
            else None,
            health_event=e,
            recorded_by=carer,
        )
        for e in events
    ]
    insert(WelfareVisit, visits)
    for visit in visits:
        trail.add(visit, "care.visit.recorded", at=moment(visit.due_on), by=carer)
    return len(entitlements) + len(deliveries) + len(events) + len(visits)
