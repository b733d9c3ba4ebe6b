"""The demo ratings: realistic proportions, a few 不满意 with callbacks (one overdue), loaded once."""

import io

from django.db.models import Count, Q

from qunying.demo import accounts as accounts_demo
from qunying.demo import feedback as demo
from qunying.demo import org as org_demo
from qunying.feedback.enums import CallbackStatus, Rating, ReplyStatus
from qunying.feedback.models import Callback, ServiceInteraction, Survey, SurveyReply


def test_the_demo_is_realistic_and_loads_once(db):
    out = io.StringIO()
    org_demo.load(out)
    accounts_demo.load(out)

    demo.load(out)
    counts = (ServiceInteraction.objects.count(), Survey.objects.count(), SurveyReply.objects.count())
    demo.load(out)

    assert counts == (ServiceInteraction.objects.count(), Survey.objects.count(), SurveyReply.objects.count())
    assert 2500 <= counts[0] <= 4000
    sent = Survey.objects.filter(sent_at__isnull=False).count()
    ratings = SurveyReply.objects.filter(counted=True).aggregate(
        n=Count("pk"),
        satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
        basic=Count("pk", filter=Q(rating=Rating.BASICALLY_SATISFIED)),
    )
    assert 0.20 <= counts[2] / sent <= 0.28
    assert 0.97 <= (ratings["satisfied"] + 0.5 * ratings["basic"]) / ratings["n"] <= 0.99
    callbacks = list(Callback.objects.all())
    assert len(callbacks) == 3 and all(c.reply.rating == Rating.DISSATISFIED for c in callbacks)
    assert [c.is_overdue for c in callbacks].count(True) == 1
    assert sum(c.status == CallbackStatus.CLOSED for c in callbacks) == 2
    assert SurveyReply.objects.filter(status=ReplyStatus.UNPARSEABLE).exists()
    assert Survey.objects.filter(status="sent").exists()  # open surveys for the simulator
