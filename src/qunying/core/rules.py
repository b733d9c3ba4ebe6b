"""Core's declared policy: the audit log is read by the audit administrator (安全审计员) alone, all of it; a sheet
import (core.imports) is its uploader's working copy, seen and confirmed by them alone."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.enums import ImportStatus
from qunying.core.policy import Policy, anywhere, own
from qunying.core.roles import Role

policy = Policy("core")

policy.action(
    "view_audit_log",
    anywhere(Role.AUDIT_ADMIN),
    reason=_("Only the audit administrator reads the audit log."),
)

OWN_UPLOAD = _("An upload is handled by whoever uploaded it, while it waits for confirmation.")
# Which importer a user may use is the importing app's own action (honours.import_honours …); the upload itself is
# its uploader's working copy: nobody else sees it (a 404, as out of scope).
policy.action("view_sheet_import", own("created_by"), reason=OWN_UPLOAD)
policy.action("confirm_sheet_import", own("created_by"), when=Q(status=ImportStatus.READY), reason=OWN_UPLOAD)
