"""Sending surveys through the gateway: at most once per survey, throttled, in batches run by a task.

Each survey is claimed before the gateway is called, by a conditional UPDATE (queued → sending) committed on its own.
A worker that dies after the claim leaves the survey `sending`: a rerun never claims it again, so nothing is sent
twice. Such a survey is treated as delivered (it may well have been): it can receive its reply and expires normally.
"""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from qunying.core.pace import SharedPace
from qunying.core.services import log_action
from qunying.feedback import summaries
from qunying.feedback.enums import SurveyStatus
from qunying.feedback.models import OPEN_STATUSES, SURVEY_TRANSITIONS, Survey
from qunying.feedback.sms import PermanentSendError, SendError, get_backend
from qunying.org.models import Unit

logger = logging.getLogger(__name__)

BATCH = 500
MAX_ATTEMPTS = 3  # batches that may try a survey while the gateway is down, before it is given up
RETRY_LATER = datetime.timedelta(minutes=10)
# The message citizens receive is Chinese whatever the UI language (like the roster's headers): not translated.
SURVEY_TEXT = (
    "【{signature}】您好！您{date}在{unit}办理的“{kind}”事项已办结。请对民警的服务作出评价："
    "回复1满意，2基本满意，3不满意，也可附上意见。感谢您对公安工作的支持！"
)


def survey_text(survey: Survey, *, signatures: dict[int, str] | None = None) -> str:
    interaction = survey.interaction
    root_id = int(interaction.unit.path.strip("/").split("/")[0])
    signatures = {} if signatures is None else signatures
    if root_id not in signatures:
        signatures[root_id] = Unit.objects.filter(pk=root_id).values_list("name", flat=True).first() or ""
    with translation.override("zh-hans"):
        kind = str(interaction.get_kind_display())
    local = timezone.localtime(interaction.occurred_at)
    return SURVEY_TEXT.format(
        signature=signatures[root_id], date=f"{local.month}月{local.day}日", unit=interaction.unit.name, kind=kind
    )


def _claim(pk: int, now: datetime.datetime) -> bool:
    """queued → sending, by one conditional UPDATE: of two workers, exactly one gets 1 row back."""
    expires = now + datetime.timedelta(hours=settings.QUNYING_SMS_SURVEY_EXPIRY_HOURS)
    return (
        Survey.objects.filter(pk=pk, status=SurveyStatus.QUEUED).update(
            status=SurveyStatus.SENDING,
            claimed_at=now,
            expires_at=expires,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        == 1
    )


def _finish(survey: Survey, status: str, **fields) -> bool:
    """sending → sent / failed / queued, only if the survey is still `sending` (a reply may have come first). A sent
    survey is added to the rating summaries in the same transaction."""
    if status not in SURVEY_TRANSITIONS[SurveyStatus.SENDING]:
        raise ValueError(f"a sending survey cannot become {status!r}")
    with transaction.atomic():
        finished = Survey.objects.filter(pk=survey.pk, status=SurveyStatus.SENDING).update(
            status=status, updated_at=timezone.now(), **fields
        )
        if finished and fields.get("sent_at") is not None:
            summaries.survey_sent(survey, fields["sent_at"])
    return bool(finished)


def send_due_surveys(*, now: datetime.datetime | None = None, limit: int = BATCH, backend=None) -> dict:
    """Send the queued surveys whose time has come. Run outside a transaction (as the task worker runs tasks), so
    each claim and each outcome is committed as it happens. One audit entry for the batch."""
    now = now or timezone.now()
    backend = backend or get_backend()
    throttle = SharedPace("sms", settings.QUNYING_SMS_RATE)  # the gateway's rate, across every worker
    due = list(
        Survey.objects.filter(status=SurveyStatus.QUEUED, send_after__lte=now)
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    outcome: Counter = Counter()
    sent_ids, signatures = [], {}
    for pk in due:
        if not _claim(pk, now):
            outcome["taken"] += 1  # another worker has it
            continue
        survey = Survey.objects.select_related("interaction__unit").get(pk=pk)
        if not survey.interaction.phone:  # erased in the meantime: nobody to ask
            _finish(survey, SurveyStatus.FAILED, last_error="no phone")
            outcome[SurveyStatus.FAILED] += 1
            continue
        throttle.wait()
        try:
            result = backend.send(
                message_id=survey.message_id,
                phone=survey.interaction.phone,
                text=survey_text(survey, signatures=signatures),
            )
        except PermanentSendError as error:
            _finish(survey, SurveyStatus.FAILED, last_error=str(error)[:300])
            outcome[SurveyStatus.FAILED] += 1
        except SendError as error:
            if survey.attempts >= MAX_ATTEMPTS:
                _finish(survey, SurveyStatus.FAILED, last_error=str(error)[:300])
                outcome[SurveyStatus.FAILED] += 1
            else:
                _finish(survey, SurveyStatus.QUEUED, last_error=str(error)[:300], send_after=now + RETRY_LATER)
                outcome["retry_later"] += 1
            logger.warning("SMS gateway unavailable (%s); the rest of the batch waits for the next run.", error)
            break
        else:
            _finish(survey, SurveyStatus.SENT, sent_at=timezone.now(), gateway_reference=result.reference)
            outcome[SurveyStatus.SENT] += 1
            sent_ids.append(pk)
    counts = {str(key): value for key, value in outcome.items()}
    if counts:
        data = {"backend": backend.name, **counts, "survey_ids": sent_ids}
        log_action(None, "feedback.surveys.sent", by=None, data=data)
    return counts


def expire_surveys(*, now: datetime.datetime | None = None) -> int:
    """Surveys past their expiry stop waiting for a reply: later replies are kept but never counted."""
    now = now or timezone.now()
    if not all(SurveyStatus.EXPIRED in SURVEY_TRANSITIONS[status] for status in OPEN_STATUSES):
        raise ValueError("SURVEY_TRANSITIONS must allow every open status → expired")
    expired = Survey.objects.filter(status__in=OPEN_STATUSES, expires_at__lte=now).update(
        status=SurveyStatus.EXPIRED, updated_at=now
    )
    if expired:
        log_action(None, "feedback.surveys.expired", by=None, data={"count": expired})
    return expired
