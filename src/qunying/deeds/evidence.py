"""Evidence files: the type read from the content (never the name), the size limit, PDFs checked as whole documents
and images re-encoded without metadata by the core image service before they are stored."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from qunying.core.files import check_declared_name, is_pdf, read_upload
from qunying.core.images import image_type, reencode
from qunying.deeds.enums import EvidenceType

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = {EvidenceType.JPEG: "JPEG", EvidenceType.PNG: "PNG", EvidenceType.WEBP: "WEBP"}
CONTENT_TYPES = {
    EvidenceType.PDF: "application/pdf",
    EvidenceType.JPEG: "image/jpeg",
    EvidenceType.PNG: "image/png",
    EvidenceType.WEBP: "image/webp",
    EvidenceType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sniff(data: bytes) -> str | None:
    """The evidence type the bytes are, whatever the file is called; None for anything else."""
    if data.startswith(b"%PDF-"):
        return EvidenceType.PDF
    if (picture := image_type(data)) is not None:
        return EvidenceType(picture)
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return EvidenceType.DOCX
    return None


def checked_evidence(upload) -> tuple[ContentFile, str, int]:
    """The file to store (images cleaned), its type and size; a ValidationError with a clear message otherwise."""
    data = read_upload(upload, EVIDENCE_MAX_BYTES, _("An evidence file may be at most 20 MB."))
    file_type = sniff(data)
    if file_type is None:
        raise ValidationError(_("Evidence must be a PDF, a Word document (.docx) or a JPEG, PNG or WebP image."))
    check_declared_name(getattr(upload, "name", ""), file_type)
    if file_type in IMAGE_TYPES:
        # Evidence keeps its full size (a long screenshot must stay legible); metadata and pixel limits still apply.
        data = reencode(data, max_side=None).read()
    elif file_type == EvidenceType.PDF and not is_pdf(data):
        raise ValidationError(
            _("This PDF is incomplete or has something appended after its end; please upload the original document.")
        )
    return ContentFile(data), file_type, len(data)
