"""Sample URL arguments for the discovery pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.discovery.models import Suggestion


def sample_kwargs() -> dict:
    suggestion = Suggestion.objects.order_by("pk").first()
    pk = suggestion.pk if suggestion else 0
    return {
        "discovery:suggestion_detail": {"pk": pk},
        "discovery:suggestion_accept": {"pk": pk},
        "discovery:suggestion_dismiss": {"pk": pk},
    }
