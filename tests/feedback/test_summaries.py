"""The rating summaries (feedback.summaries): kept by the services as data arrives, they always equal what a rebuild
computes from the raw rows, over random recordings, sendings, replies (late, repeated, unclear) and codings."""

import datetime

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from qunying.feedback import summaries
from qunying.feedback.enums import ReplyStatus
from qunying.feedback.models import OfficerRatingMonth, SurveyReply, UnitRatingMonth
from qunying.feedback.services import code_reply, receive_sms_reply, send_due_surveys
from qunying.feedback.sms import ConsoleBackend
from tests.feedback.conftest import record

BASE = timezone.make_aware(datetime.datetime(2026, 1, 20, 9, 0))  # noqa: DTZ001
PHONES = [f"1385555{n:04d}" for n in range(6)]
TEXTS = ["1", "2", "3", "满意", "不满意，态度差", "？？", "谢谢"]

operations = st.one_of(
    st.tuples(
        st.just("record"),
        st.lists(st.sampled_from(["a", "squad", "b"]), min_size=1, max_size=2, unique=True),
        st.integers(0, len(PHONES) - 1),
        st.integers(0, 70),  # day
    ),
    st.tuples(st.just("send"), st.integers(0, 75)),
    st.tuples(
        st.just("reply"),
        st.integers(0, len(PHONES) - 1),
        st.integers(0, 80),
        st.integers(0, 100),
        st.sampled_from(TEXTS),
    ),
    st.tuples(st.just("code"), st.sampled_from(["satisfied", "basically_satisfied", "dissatisfied", ""])),
    # A whole exchange: recorded, sent an hour later, answered some hours after (late beyond 72 h).
    st.tuples(
        st.just("exchange"),
        st.lists(st.sampled_from(["a", "squad", "b"]), min_size=1, max_size=2, unique=True),
        st.integers(0, len(PHONES) - 1),
        st.integers(0, 70),
        st.integers(0, 100),
        st.sampled_from(TEXTS),
    ),
)


def apply(operation, officers, serial, state) -> None:
    kind = operation[0]
    if kind == "exchange":
        _kind, names, phone, day, hours, text = operation
        apply(("record", names, phone, day), officers, serial, state)
        apply(("send", 2), officers, serial, state)
        apply(("reply", 1, 1, hours, text), officers, serial, state)
    elif kind == "record":
        _kind, names, phone, day = operation
        at = BASE + datetime.timedelta(days=day)
        record(*[officers[name] for name in names], phone=PHONES[phone], occurred_at=at, now=at)
        state["recorded"], state["phone"] = at, PHONES[phone]
    elif kind == "send":
        # Mostly soon after the last recording (its survey is due), sometimes any day.
        day = operation[1]
        soon = (state.get("recorded") or BASE) + datetime.timedelta(hours=1 + day)
        state["sent"] = soon if day % 3 else BASE + datetime.timedelta(days=day)
        send_due_surveys(now=state["sent"], backend=ConsoleBackend())
    elif kind == "reply":
        _kind, phone, day, hours, text = operation
        # Mostly after the last sending (so a survey is there to answer), sometimes anywhere.
        received = (
            (state.get("sent") or BASE) + datetime.timedelta(hours=hours)
            if day % 4
            else BASE + datetime.timedelta(days=day)
        )
        # Mostly from the last citizen recorded, sometimes from another.
        sender = state.get("phone", PHONES[0]) if phone % 3 else PHONES[phone]
        receive_sms_reply(message_id=f"s-{serial}", phone=sender, text=text, received_at=received)
    else:
        unclear = SurveyReply.objects.filter(status=ReplyStatus.UNPARSEABLE, survey__isnull=False).first()
        if unclear is not None:
            code_reply(unclear, rating=operation[1], by=None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operations, max_size=40))
def test_incremental_summaries_equal_a_rebuild(officers, run):
    with transaction.atomic():
        state = {}
        for serial, operation in enumerate(run):
            apply(operation, officers, serial, state)

        incremental = summaries.stored_unit_months(), summaries.stored_officer_months()
        computed = summaries.computed_unit_months(), summaries.computed_officer_months()
        assert incremental == computed
        event(f"counted replies: {min(sum(sum(row.values()) for row in computed[1].values()), 3)}+")

        summaries.rebuild()
        assert (summaries.stored_unit_months(), summaries.stored_officer_months()) == computed
        transaction.set_rollback(True)


def test_a_counted_reply_lands_in_its_month_for_the_unit_and_each_officer(officers):
    at = timezone.make_aware(datetime.datetime(2026, 3, 31, 23, 0))  # noqa: DTZ001 — local time, still March
    record(officers["a"], officers["squad"], occurred_at=at, now=at)
    send_due_surveys(now=at + datetime.timedelta(hours=2), backend=ConsoleBackend())

    receive_sms_reply(message_id="m-1", phone="13855556666", text="2", received_at=at + datetime.timedelta(hours=3))

    march, april = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)
    unit_months = {row.month: row for row in UnitRatingMonth.objects.filter(unit=officers["a"].unit)}
    assert (unit_months[march].interactions, unit_months[march].delivered, unit_months[march].answered) == (1, 1, 1)
    assert (unit_months[april].basically_satisfied, unit_months[april].replies) == (1, 1)
    assert sorted(OfficerRatingMonth.objects.values_list("person__badge_number", "month", "basically_satisfied")) == [
        ("340101", april, 1),
        ("340102", april, 1),
    ]
