"""Arguments for the ratings pages in tests/test_every_page.py, drawn from the demo data."""

from qunying.feedback.enums import ReplyStatus
from qunying.feedback.models import Callback, InteractionOfficer, SurveyReply


def sample_kwargs() -> dict:
    officer = InteractionOfficer.objects.filter(interaction__survey__replies__counted=True).order_by("pk").first()
    reply = SurveyReply.objects.filter(status=ReplyStatus.UNPARSEABLE).order_by("pk").first()
    callback = Callback.objects.filter(unit__name="半汤派出所").order_by("pk").first() or Callback.objects.first()
    return {
        "feedback:officer_detail": {"pk": officer.person_id},
        "feedback:reply_code": {"pk": reply.pk},
        "feedback:callback_detail": {"pk": callback.pk},
    }
