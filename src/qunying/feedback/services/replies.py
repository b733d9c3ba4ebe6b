"""Replies from citizens: the one door for the webhook and the simulator, and manual coding of unclear replies."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_digits
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.feedback import summaries
from qunying.feedback.enums import Rating, ReplyStatus, SurveyStatus
from qunying.feedback.models import (
    CALLBACK_DUE_AFTER,
    DELIVERED_STATUSES,
    SURVEY_TRANSITIONS,
    Callback,
    Survey,
    SurveyReply,
)
from qunying.feedback.parsing import MAX_TEXT, normalise, parse_reply
from qunying.feedback.rules import policy

# A reply's rating counts only while its survey is open (or expired after a reply that came in time).
COUNTABLE = tuple(status for status, following in SURVEY_TRANSITIONS.items() if SurveyStatus.REPLIED in following)
REPLY_TRANSITIONS = {
    ReplyStatus.PARSED: set(),
    ReplyStatus.UNPARSEABLE: {ReplyStatus.CODED, ReplyStatus.NO_RATING},
    ReplyStatus.CODED: set(),
    ReplyStatus.NO_RATING: set(),
}


def sender_index(phone: str) -> str:
    """The blind index of a sender: +86 and separators dropped, so it matches the index of the number we sent to."""
    digits = normalise_digits(phone or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return blind_index(digits, normalise=normalise_digits)


def matching_survey(phone_index: str, received_at: datetime.datetime) -> Survey | None:
    """The latest survey sent to this phone before the reply arrived (open or not: a late reply is still kept)."""
    if not phone_index:
        return None
    return (
        Survey.objects.filter(
            interaction__phone_index=phone_index, status__in=DELIVERED_STATUSES, claimed_at__lte=received_at
        )
        .select_related("interaction__unit")
        .order_by("-claimed_at", "-pk")
        .first()
    )


def _count(reply: SurveyReply) -> bool:
    """Make `reply` its survey's rating if it is the first that came in time: a conditional UPDATE of the survey
    (open → replied) decides between two replies arriving together."""
    survey = reply.survey
    if survey is None or reply.late or not reply.rating:
        return False
    claimed = Survey.objects.filter(pk=survey.pk, status__in=COUNTABLE).update(
        status=SurveyStatus.REPLIED, replied_at=reply.received_at, updated_at=timezone.now()
    )
    if not claimed:
        return False
    survey.status = SurveyStatus.REPLIED
    reply.counted = True
    reply.save(update_fields=["counted"])
    summaries.reply_counted(reply)
    return True


def _open_callback(reply: SurveyReply) -> Callback | None:
    """Every 不满意 about a known interaction opens a callback due 24 hours after the reply (one per survey)."""
    if reply.rating != Rating.DISSATISFIED or reply.survey is None:
        return None
    if Callback.objects.filter(survey=reply.survey).exists():
        return None
    return Callback.objects.create(
        survey=reply.survey,
        reply=reply,
        unit=reply.survey.interaction.unit,
        due_at=reply.received_at + CALLBACK_DUE_AFTER,
    )


def receive_sms_reply(
    *, message_id: str, phone: str, text: str, received_at: datetime.datetime, via: str = "webhook"
) -> tuple[SurveyReply, bool]:
    """Record a citizen's SMS once per gateway message id: (reply, True) the first time, (first reply, False) after.

    The reply is matched to the survey last sent to that phone (by blind index), parsed, and counted if it is the
    survey's first rating and came before expiry. The number itself is not stored, only its blind index."""
    if existing := SurveyReply.objects.filter(message_id=message_id).first():
        return existing, False
    text = (text or "").replace("\x00", "")  # PostgreSQL text cannot hold NUL
    phone_index = sender_index(phone)
    parsed = parse_reply(text)
    survey = matching_survey(phone_index, received_at)
    reply = SurveyReply(
        message_id=message_id,
        survey=survey,
        phone_index=phone_index,
        text=text[:MAX_TEXT],
        received_at=received_at,
        status=ReplyStatus.PARSED if parsed.rating else ReplyStatus.UNPARSEABLE,
        rating=parsed.rating,
        comment=parsed.comment if parsed.rating else "",
        late=bool(survey and survey.expires_at and received_at > survey.expires_at),
    )
    try:
        with transaction.atomic():
            reply.save()
            counted = _count(reply)
            callback = _open_callback(reply)
            log_action(
                reply,
                "feedback.reply.received",
                by=None,
                data={
                    "via": via,
                    "survey": survey.pk if survey else None,
                    "status": reply.status,
                    "rating": reply.rating,
                    "late": reply.late,
                    "counted": counted,
                    "callback": callback.pk if callback else None,
                },
            )
    except IntegrityError:  # the same message id delivered twice at the same moment
        existing = SurveyReply.objects.filter(message_id=message_id).first()
        if existing is None:
            raise
        return existing, False
    return reply, True


@transaction.atomic
def code_reply(reply: SurveyReply, *, rating: str, comment: str = "", by) -> SurveyReply:
    """A person reads an unclear reply and gives its rating (or none). It then counts like a parsed one would have:
    only as its survey's first rating, only if it came in time."""
    reply = (
        SurveyReply.objects.select_for_update(of=("self",)).select_related("survey__interaction__unit").get(pk=reply.pk)
    )
    policy.require(by, "code_reply", reply)
    if rating and rating not in Rating.values:
        raise ValidationError({"rating": _("Unknown rating.")})
    status = ReplyStatus.CODED if rating else ReplyStatus.NO_RATING
    transition(reply, status, REPLY_TRANSITIONS, message=_("This reply has already been coded."))
    reply.rating, reply.comment = rating, normalise(comment)
    reply.coded_by, reply.coded_at = by, timezone.now()
    reply.save(update_fields=["status", "rating", "comment", "coded_by", "coded_at"])
    counted = _count(reply)
    callback = _open_callback(reply)
    log_action(
        reply,
        "feedback.reply.coded",
        by=by,
        data={"rating": rating, "counted": counted, "callback": callback.pk if callback else None},
    )
    return reply
