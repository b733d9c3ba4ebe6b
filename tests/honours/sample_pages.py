"""Sample URL arguments for the honours pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.honours.enums import HonourStatus
from qunying.honours.models import AuthorityRule, AwardType, Honour, Issuer


def sample_kwargs() -> dict:
    honour = Honour.objects.filter(status=HonourStatus.ACTIVE, person__isnull=False).order_by("pk").first()
    rule = AuthorityRule.objects.order_by("pk").first()
    return {
        "honours:honour_detail": {"pk": honour.pk},
        "honours:honour_revoke": {"pk": honour.pk},
        # The demo's honours are all approved: approving one again is refused to everyone (403).
        "honours:honour_approve": {"pk": honour.pk},
        # Likewise declining or withdrawing one: only an honour awaiting approval is set aside (403).
        "honours:honour_decline": {"pk": honour.pk},
        "honours:honour_withdraw": {"pk": honour.pk},
        "honours:award_type_update": {"pk": AwardType.objects.get(code="commendation").pk},
        "honours:issuer_update": {"pk": Issuer.objects.order_by("pk").first().pk},
        "honours:authority_rule_update": {"pk": rule.pk},
        "honours:authority_rule_delete": {"pk": rule.pk},
        # Imports are their uploader's own: the demo has none, so these answer 404 to everyone.
        "honours:honour_import_detail": {"pk": 0},
        "honours:honour_import_commit": {"pk": 0},
        "honours:honour_import_cancel": {"pk": 0},
    }
