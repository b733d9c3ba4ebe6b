"""Sample URL arguments for the ledger's pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.deeds.models import Deed, DutyEvent, Forum, ForumFeedback, PublicNomination, RosterEntry
from qunying.demo.deeds import EPIDEMIC_EVENT


def sample_kwargs() -> dict[str, dict]:
    event = DutyEvent.objects.get(name=EPIDEMIC_EVENT)
    deed = Deed.objects.filter(event=event).order_by("pk").first()
    forum = Forum.objects.order_by("pk").first()
    nomination = PublicNomination.objects.order_by("pk").first()
    missing = 0  # no evidence in the demo: its page must answer 404, not 500
    return {
        "deeds:deed_detail": {"pk": deed.pk},
        "deeds:deed_decide": {"pk": deed.pk},
        "deeds:evidence_add": {"pk": deed.pk},
        "deeds:evidence_file": {"pk": missing},
        "deeds:event_detail": {"pk": event.pk},
        "deeds:event_update": {"pk": event.pk},
        "deeds:roster_add": {"pk": event.pk},
        "deeds:roster_import": {"pk": event.pk},
        "deeds:roster_remove": {"pk": RosterEntry.objects.filter(event=event).order_by("pk").first().pk},
        "deeds:mass_entry": {"pk": event.pk},
        "deeds:forum_detail": {"pk": forum.pk},
        "deeds:forum_update": {"pk": forum.pk},
        "deeds:feedback_add": {"pk": forum.pk},
        "deeds:feedback_convert": {"pk": ForumFeedback.objects.order_by("pk").first().pk},
        "deeds:nomination_detail": {"pk": nomination.pk},
        "deeds:nomination_triage": {"pk": nomination.pk},
        "deeds:nomination_link": {"pk": nomination.pk},
        "deeds:nomination_convert": {"pk": nomination.pk},
        "deeds:nomination_reject": {"pk": nomination.pk},
    }
