"""Service interactions and the citizens' SMS replies: about K replies per officer (1,000,000 at 20,000 people and the
default 50), plus a quarter as many interactions whose survey was skipped or went unanswered; every 不满意 opens a
callback. Phones older than a year are erased (as the retention task does), keeping only their blind index.

A million rows a table are written as plain INSERTs with ids assigned here (building model instances would take many
minutes); the phone is encrypted and its blind index computed by the same functions the model fields call."""

import datetime
import random

from qunying.core.crypto import blind_index, key_ring
from qunying.core.fields import normalise_digits
from qunying.demo.province.bulk import CST, fast_insert, json_value, moment_value, next_id, reset_sequences
from qunying.demo.province.org import Province
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
    ServiceInteraction,
    Survey,
    SurveyReply,
)
from qunying.org.enums import PersonStatus, PostType

START = datetime.datetime(2024, 1, 1, tzinfo=CST)
END = datetime.datetime(2026, 10, 31, 23, tzinfo=CST)
PURGED_BEFORE = datetime.datetime(2025, 11, 1, tzinfo=CST)
EXPIRY = datetime.timedelta(hours=72)
CHUNK = 50_000
KINDS = {
    PostType.TRAFFIC: [InteractionKind.TRAFFIC, InteractionKind.ALARM_110],
    PostType.HOUSEHOLD: [InteractionKind.HOUSEHOLD, InteractionKind.STATION_VISIT],
    PostType.COMMUNITY: [InteractionKind.STATION_VISIT, InteractionKind.ALARM_110, InteractionKind.DISPUTE],
}
DEFAULT_KINDS = [InteractionKind.ALARM_110, InteractionKind.STATION_VISIT]
COMMENTS = ["", "", "", "", "谢谢民警", "态度很好", "处理及时，辛苦了", "服务热情"]
DIGITS = {Rating.SATISFIED: "1", Rating.BASICALLY_SATISFIED: "2", Rating.DISSATISFIED: "3"}
INTERACTION_COLUMNS = [
    "id",
    "incident_number",
    "kind",
    "occurred_at",
    "unit_id",
    "phone",
    "phone_index",
    "phone_purged_at",
    "source",
]
SURVEY_COLUMNS = [
    "id",
    "interaction_id",
    "decision",
    "decision_detail",
    "status",
    "send_after",
    "attempts",
    "claimed_at",
    "sent_at",
    "expires_at",
    "replied_at",
]
REPLY_COLUMNS = ["id", "message_id", "survey_id", "phone_index", "text", "received_at", "status", "rating", "comment"]
REPLY_COLUMNS += ["counted"]
CALLBACK_COLUMNS = ["survey_id", "reply_id", "unit_id", "status", "due_at", "outcome", "closed_at"]


def build_ratings(province: Province, per_officer: int, prefix: str, rng: random.Random) -> dict:
    officers = [p for p in province.people if p.status == PersonStatus.ACTIVE]
    replies_total = per_officer * len(province.people)
    weights = [rng.uniform(0.2, 2.0) for _ in officers]
    true_rate = [min(0.999, max(0.9, rng.gauss(0.975, 0.015))) for _ in officers]
    citizens = [f"1{rng.choice('35789')}{rng.randrange(10**9):09d}" for _ in range(max(1000, replies_total // 3))]
    index_of: dict[str, str] = {}
    encrypt = key_ring().encrypt
    span = int((END - START).total_seconds())
    sampled_detail, interval_detail = json_value({"delay_minutes": 30}), json_value({"days": 30})
    week_before_end = END - datetime.timedelta(days=7)
    counts = {"interactions": 0, "replies": 0, "callbacks": 0}
    # One interaction in five goes unanswered (skipped, or sent and expired): 1.25 interactions per reply.
    total = replies_total + replies_total // 4
    interaction_id, survey_id, reply_id = next_id(ServiceInteraction), next_id(Survey), next_id(SurveyReply)
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        picks = rng.choices(range(len(officers)), weights=weights, k=size)
        interactions, links, surveys, replies, callbacks = [], [], [], [], []
        for pick in picks:
            done += 1
            officer = officers[pick]
            at = START + datetime.timedelta(seconds=rng.randrange(span))
            phone = rng.choice(citizens)
            index = index_of.get(phone)
            if index is None:
                index = index_of[phone] = blind_index(phone, normalise=normalise_digits)
            purged = at < PURGED_BEFORE
            interactions.append(
                (
                    interaction_id,
                    f"J{prefix}{done:09d}",
                    rng.choice(KINDS.get(officer.post_type, DEFAULT_KINDS)),
                    moment_value(at),
                    officer.unit_id,
                    "" if purged else encrypt(phone),
                    index,
                    moment_value(at + datetime.timedelta(days=365)) if purged else None,
                    InteractionSource.API,
                )
            )
            links.append((interaction_id, officer.pk))
            answered = rng.random() < 0.8
            sampled = answered or rng.random() < 0.5
            sent = at + datetime.timedelta(minutes=30)
            if not answered:
                surveys.append(
                    (
                        survey_id,
                        interaction_id,
                        SurveyDecision.SAMPLED,
                        sampled_detail,
                        SurveyStatus.EXPIRED,
                        *tuple(moment_value(v) for v in (sent, None, sent, sent, sent + EXPIRY, None)),
                    )
                    if sampled
                    else (
                        survey_id,
                        interaction_id,
                        SurveyDecision.CITIZEN_INTERVAL,
                        interval_detail,
                        SurveyStatus.SKIPPED,
                        None,
                        0,
                        None,
                        None,
                        None,
                        None,
                    )
                )
                survey_id += 1
                interaction_id += 1
                continue
            received = sent + datetime.timedelta(minutes=rng.randint(3, 600))
            draw, rate = rng.random(), true_rate[pick]
            rating = (
                Rating.SATISFIED
                if draw < rate
                else Rating.BASICALLY_SATISFIED
                if draw < rate + (1 - rate) * 0.85
                else Rating.DISSATISFIED
            )
            comment = rng.choice(COMMENTS) if rating == Rating.SATISFIED else "等的时间有点长"
            surveys.append(
                (
                    survey_id,
                    interaction_id,
                    SurveyDecision.SAMPLED,
                    sampled_detail,
                    SurveyStatus.REPLIED,
                    *tuple(moment_value(v) for v in (sent, None, sent, sent, sent + EXPIRY, received)),
                )
            )
            received_value = moment_value(received)
            replies.append(
                (
                    reply_id,
                    f"m{prefix}{done:09d}",
                    survey_id,
                    index,
                    DIGITS[rating] + (f"，{comment}" if comment else ""),
                    received_value,
                    ReplyStatus.PARSED,
                    rating,
                    comment,
                    True,
                )
            )
            if rating == Rating.DISSATISFIED:
                closed = received < week_before_end
                callbacks.append(
                    (
                        survey_id,
                        reply_id,
                        officer.unit_id,
                        CallbackStatus.CLOSED if closed else CallbackStatus.OPEN,
                        moment_value(received + CALLBACK_DUE_AFTER),
                        "已电话回访，群众表示理解。" if closed else "",
                        moment_value(received + datetime.timedelta(hours=6)) if closed else None,
                    )
                )
            reply_id += 1
            survey_id += 1
            interaction_id += 1
        # attempts: 1 for every sent survey (the tuple above carries None in its place: set it here).
        surveys = [(*row[:6], 1 if row[5] else 0, *row[7:]) for row in surveys]
        counts["interactions"] += fast_insert(ServiceInteraction, INTERACTION_COLUMNS, interactions)
        fast_insert(InteractionOfficer, ["interaction_id", "person_id"], links)
        fast_insert(Survey, SURVEY_COLUMNS, surveys)
        counts["replies"] += fast_insert(SurveyReply, REPLY_COLUMNS, replies)
        counts["callbacks"] += fast_insert(Callback, CALLBACK_COLUMNS, callbacks)
    reset_sequences(ServiceInteraction, InteractionOfficer, Survey, SurveyReply, Callback)
    return counts
