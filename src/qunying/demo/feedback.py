"""Demo ratings for the demo bureau: ~3,000 service interactions from 2022 to November 2026, each with its sampling
decision; about a quarter of the surveyed citizens reply, 97–99 % satisfied; three 不满意 with callbacks (one open
and overdue) and a few replies nobody could parse. Seeded; loaded once (a second run creates nothing).

A handful of interactions from the last hours (relative to the first load) keep surveys open for the simulator.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from qunying.accounts.models import User
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_digits
from qunying.core.services import log_action
from qunying.demo.org import BUREAU
from qunying.feedback import summaries
from qunying.feedback.enums import (
    CallbackStatus,
    InteractionKind,
    InteractionSource,
    Rating,
    ReplyStatus,
    SurveyDecision,
    SurveyStatus,
)
from qunying.feedback.models import (
    CALLBACK_DUE_AFTER,
    Callback,
    InteractionOfficer,
    SamplingPolicy,
    ServiceInteraction,
    Survey,
    SurveyReply,
)
from qunying.feedback.parsing import parse_reply
from qunying.feedback.sampling import Candidate, Sampler
from qunying.org.enums import PersonStatus, PostType
from qunying.org.models import Person, Unit

INTERACTIONS = 3000
CITIZENS = 1600
START = datetime.datetime(2022, 1, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
END = datetime.datetime(2026, 11, 26, 18, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
REPLY_RATE = 0.24
SURVEYED_KINDS = {
    InteractionKind.ALARM_110,
    InteractionKind.STATION_VISIT,
    InteractionKind.HOUSEHOLD,
    InteractionKind.TRAFFIC,
}
EXPIRY = datetime.timedelta(hours=72)
KINDS_BY_POST = {
    PostType.TRAFFIC: [(InteractionKind.TRAFFIC, 8), (InteractionKind.ALARM_110, 2)],
    PostType.HOUSEHOLD: [
        (InteractionKind.HOUSEHOLD, 8),
        (InteractionKind.EXIT_ENTRY, 2),
        (InteractionKind.STATION_VISIT, 2),
    ],
    PostType.COMMUNITY: [
        (InteractionKind.STATION_VISIT, 4),
        (InteractionKind.DISPUTE, 3),
        (InteractionKind.ALARM_110, 3),
        (InteractionKind.DOMESTIC_VIOLENCE, 1),
    ],
    PostType.PATROL: [(InteractionKind.ALARM_110, 7), (InteractionKind.CASE_REPORT, 2), (InteractionKind.JUVENILE, 1)],
    PostType.PUBLIC_ORDER: [
        (InteractionKind.CASE_REPORT, 4),
        (InteractionKind.DISPUTE, 2),
        (InteractionKind.SEXUAL_OFFENCE, 1),
    ],
}
COMMENTS = ["", "", "", "", "谢谢民警", "态度很好", "处理及时，辛苦了", "服务热情", "感谢帮助"]
BASIC_COMMENTS = ["", "等的时间有点长", "流程还可以再简化"]
DISSATISFIED = ["3，出警太慢了", "不满意，没有人回电话", "3 办事窗口态度生硬"]
UNPARSEABLE = ["谢谢", "收到", "？", "你好，请问是哪位", "好的"]
OUTCOMES = [
    ("已电话回访，群众反映出警耗时较长，已解释当晚警情较多，群众表示理解。", "所里调整夜间备勤力量，确保快速出警。"),
    ("已电话回访，群众反映未接到回电，已当面致歉并补充说明处理进展。", "建立接处警回电登记制度。"),
]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _rating(rng: random.Random) -> str:
    draw = rng.random()
    return Rating.SATISFIED if draw < 0.978 else Rating.BASICALLY_SATISFIED


def load(stdout) -> None:
    if ServiceInteraction.objects.filter(source=InteractionSource.DEMO).exists():
        stdout.write("演示短信评警数据已存在（本次未新增）")
        return
    bureau = Unit.objects.filter(name=BUREAU, parent=None).first()
    if bureau is None:
        return
    with transaction.atomic():
        counts = _load(bureau)
        summaries.rebuild()  # the demo writes its history in bulk, past the services that keep the summaries
        log_action(None, "feedback.demo.loaded", by=None, data=counts)
    stdout.write(
        f"演示短信评警：{counts['interactions']} 条服务记录，{counts['sent']} 条评价短信，"
        f"{counts['replies']} 条回复，{counts['callbacks']} 件回访"
    )


def _load(bureau: Unit) -> dict:
    rng = random.Random(2026)
    officers = list(
        Person.objects.filter(
            unit__path__startswith=bureau.path, status=PersonStatus.ACTIVE, post_type__in=list(KINDS_BY_POST)
        )
        .select_related("unit")
        .order_by("badge_number")
    )
    by_unit: dict[int, list[Person]] = {}
    for person in officers:
        by_unit.setdefault(person.unit_id, []).append(person)
    phones = [f"1{rng.choice('35789')}{rng.randrange(10**9):09d}" for _ in range(CITIZENS)]
    span = (END - START).total_seconds()
    moments = sorted(START + datetime.timedelta(seconds=rng.random() * span) for _ in range(INTERACTIONS))
    policy = SamplingPolicy.defaults()
    policy.max_age_hours = 10**6  # history: every interaction counts as recorded in time
    sampler = Sampler(policy, now=END)

    rows = []
    for number, moment in enumerate(moments, start=1):
        moment = moment.replace(second=0, microsecond=0)
        primary = rng.choice(officers)
        team = [primary]
        if rng.random() < 0.35 and len(by_unit[primary.unit_id]) > 1:
            partner = rng.choice(by_unit[primary.unit_id])
            if partner != primary:
                team.append(partner)
        kind = _weighted(rng, KINDS_BY_POST[primary.post_type])
        phone = "" if rng.random() < 0.05 else rng.choice(phones)
        rows.append(
            {
                "incident_number": f"J{timezone.localtime(moment):%Y%m%d}{number:05d}",
                "occurred_at": moment,
                "kind": kind,
                "officers": team,
                "phone": phone,
                "sensitive": rng.random() < 0.02,
            }
        )
    rows.extend(_live_rows(rng, officers))
    return _write(rng, rows, sampler)


def _live_rows(rng: random.Random, officers: list[Person]) -> list[dict]:
    """Recent interactions with open surveys, so the simulator has something to answer on a fresh demo."""
    now = timezone.now().replace(second=0, microsecond=0)
    station = [p for p in officers if p.unit.name == "半汤派出所"] or officers
    return [
        {
            "incident_number": f"JLIVE{number:03d}",
            "occurred_at": now - datetime.timedelta(hours=2 + number),
            "kind": InteractionKind.STATION_VISIT if number % 2 else InteractionKind.ALARM_110,
            "officers": [station[number % len(station)]],
            "phone": f"139{rng.randrange(10**8):08d}",  # citizens not surveyed before: nothing spaces them out
            "sensitive": False,
            "live": True,
        }
        for number in range(1, 9)
    ]


def _write(rng: random.Random, rows: list[dict], sampler: Sampler) -> dict:
    interactions = [
        ServiceInteraction(
            incident_number=row["incident_number"],
            kind=row["kind"],
            occurred_at=row["occurred_at"],
            unit=row["officers"][0].unit,
            phone=row["phone"],
            sensitive=row["sensitive"],
            source=InteractionSource.DEMO,
        )
        for row in rows
    ]
    ServiceInteraction.objects.bulk_create(interactions, batch_size=500)
    InteractionOfficer.objects.bulk_create(
        [
            InteractionOfficer(interaction=interaction, person=person)
            for interaction, row in zip(interactions, rows, strict=True)
            for person in row["officers"]
        ],
        batch_size=1000,
    )
    surveys, replies, plans = [], [], []
    dissatisfied_slots = _dissatisfied_slots(rng, rows)
    for index, (interaction, row) in enumerate(zip(interactions, rows, strict=True)):
        phone_index = blind_index(row["phone"], normalise=normalise_digits) if row["phone"] else ""
        decision = sampler.decide(
            Candidate(row["occurred_at"], row["kind"], row["sensitive"], phone_index, [p.pk for p in row["officers"]])
        )
        survey = Survey(
            interaction=interaction,
            decision=decision.decision,
            decision_detail=decision.detail,
            status=decision.status,
            send_after=decision.send_after,
        )
        surveys.append(survey)
        if decision.decision != SurveyDecision.SAMPLED:
            continue
        sent_at = decision.send_after
        if row.get("live") and index % 4 == 0:
            continue  # left queued: the simulator's "send now" has something to send
        survey.attempts, survey.claimed_at, survey.sent_at, survey.expires_at = 1, sent_at, sent_at, sent_at + EXPIRY
        forced = index in dissatisfied_slots
        if rng.random() < 0.01 and not row.get("live") and not forced:
            survey.status, survey.sent_at, survey.last_error = SurveyStatus.FAILED, None, "HTTP 400"
            continue
        survey.status = SurveyStatus.SENT if row.get("live") else SurveyStatus.EXPIRED
        if row.get("live") or (not forced and rng.random() >= REPLY_RATE):
            continue
        received = sent_at + datetime.timedelta(minutes=rng.randint(3, 60 * 30))
        if forced:
            text = DISSATISFIED[dissatisfied_slots.index(index)]
        elif rng.random() < 0.008:
            text = rng.choice(UNPARSEABLE)
        else:
            rating = _rating(rng)
            comment = rng.choice(COMMENTS if rating == Rating.SATISFIED else BASIC_COMMENTS)
            digit = "1" if rating == Rating.SATISFIED else "2"
            text = rng.choice([digit, digit, digit, "满意" if digit == "1" else "基本满意"]) + (
                f"，{comment}" if comment else ""
            )
        parsed = parse_reply(text)
        reply = SurveyReply(
            message_id=f"demo-{interaction.incident_number}",
            phone_index=phone_index,
            text=text,
            received_at=received,
            status=ReplyStatus.PARSED if parsed.rating else ReplyStatus.UNPARSEABLE,
            rating=parsed.rating,
            comment=parsed.comment if parsed.rating else "",
            counted=bool(parsed.rating),
        )
        if parsed.rating:
            survey.status, survey.replied_at = SurveyStatus.REPLIED, received
        replies.append(reply)
        plans.append((survey, reply))
    Survey.objects.bulk_create(surveys, batch_size=500)
    for survey, reply in plans:
        reply.survey = survey
    SurveyReply.objects.bulk_create(replies, batch_size=500)
    callbacks = _callbacks([reply for reply in replies if reply.rating == Rating.DISSATISFIED])
    return {
        "interactions": len(interactions),
        "sent": sum(1 for s in surveys if s.sent_at),
        "replies": len(replies),
        "callbacks": len(callbacks),
    }


def _dissatisfied_slots(rng: random.Random, rows: list[dict]) -> list[int]:
    """Three interactions whose citizen will answer 不满意: two in 2025 and one last week (at 半汤派出所)."""

    def surveyable(row: dict) -> bool:
        return bool(row["phone"]) and not row["sensitive"] and row["kind"] in SURVEYED_KINDS and not row.get("live")

    recent = [
        i for i, row in enumerate(rows) if surveyable(row) and row["occurred_at"] > END - datetime.timedelta(days=12)
    ]
    station = [i for i in recent if rows[i]["officers"][0].unit.name == "半汤派出所"] or recent
    older = [i for i, row in enumerate(rows) if surveyable(row) and row["occurred_at"].year == 2025]
    return [*sorted(rng.sample(older, 2)), rng.choice(station)]


def _callbacks(replies: list[SurveyReply]) -> list[Callback]:
    """The two older cases are closed with their outcome; the last one is still open, and overdue."""
    handler = User.objects.filter(username="bantang").first()
    created = []
    for number, reply in enumerate(sorted(replies, key=lambda r: r.received_at)):
        callback = Callback(
            survey=reply.survey,
            reply=reply,
            unit=reply.survey.interaction.unit,
            due_at=reply.received_at + CALLBACK_DUE_AFTER,
        )
        if number < len(OUTCOMES):
            callback.status = CallbackStatus.CLOSED
            callback.outcome, callback.rectification = OUTCOMES[number]
            callback.closed_at = reply.received_at + datetime.timedelta(hours=6)
        elif handler is not None and reply.survey.interaction.unit.name == "半汤派出所":
            callback.assignee = handler
        created.append(callback)
    return Callback.objects.bulk_create(created)
