"""Core background work: the daily check of the audit log's hash chain."""

import datetime

from django.tasks import task

from qunying.core import services
from qunying.core.periodic import periodic


@periodic(every=datetime.timedelta(days=1))
@task
def verify_audit_chain() -> dict:
    """A break is recorded as `core.audit.chain_broken` and shown to the audit administrator on the audit page."""
    report = services.check_audit_chain(by=None)
    return {"entries": report.entries, "ok": report.ok}
