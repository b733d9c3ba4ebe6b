"""Evidence writes: attach a checked file to a deed, remove one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.deeds.evidence import checked_evidence
from qunying.deeds.models import Deed, DeedEvidence
from qunying.deeds.rules import policy
from qunying.deeds.services.common import clean_text

DESCRIPTION_MAX = 200


@transaction.atomic
def attach_evidence(deed: Deed, *, upload, description: str = "", by) -> DeedEvidence:
    """The file's type comes from its content; images lose their EXIF data. Nothing is stored if a check fails."""
    policy.require(by, "add_evidence", deed)
    description = clean_text(description)
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError({"description": _("At most %(n)d characters, please.") % {"n": DESCRIPTION_MAX}})
    content, file_type, size = checked_evidence(upload)
    evidence = DeedEvidence(
        deed=deed,
        file_type=file_type,
        size=size,
        original_filename=clean_text(getattr(upload, "name", ""))[-255:] or "evidence",
        description=description,
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )
    evidence.file.save(f"evidence.{file_type}", content, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    log_action(evidence, "deeds.evidence.attached", by=by, data={"deed": deed.pk, "type": file_type, "size": size})
    return evidence


@transaction.atomic
def remove_evidence(evidence: DeedEvidence, *, by) -> None:
    policy.require(by, "add_evidence", evidence.deed)
    log_action(evidence, "deeds.evidence.removed", by=by, data={"deed": evidence.deed_id})
    name = evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: evidence.file.storage.delete(name))
