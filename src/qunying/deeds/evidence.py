"""Evidence files: the type read from the content (never the name), the size limit, and images re-encoded without
their EXIF data (locations, device serials) before they are stored."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

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
# Decompression bombs: an image may not claim more pixels than a large phone photo several times over.
MAX_PIXELS = 80_000_000


def sniff(head: bytes, data: bytes) -> str | None:
    """The evidence type the bytes are, whatever the file is called; None for anything else."""
    if head.startswith(b"%PDF-"):
        return EvidenceType.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return EvidenceType.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return EvidenceType.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return EvidenceType.WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return EvidenceType.DOCX
    return None


def strip_image(data: bytes, file_type: str) -> bytes:
    """The picture re-encoded without metadata; its orientation is applied first so it still shows upright."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if file_type == EvidenceType.JPEG and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            output = io.BytesIO()
            options = {"quality": 92} if file_type != EvidenceType.PNG else {}
            # No exif=, no pnginfo=, no icc_profile=: nothing but the pixels is written.
            upright.save(output, format=IMAGE_TYPES[file_type], **options)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ValidationError(_("The image could not be read; please upload it again.")) from None
    return output.getvalue()


def checked_evidence(upload) -> tuple[ContentFile, str, int]:
    """The file to store (images cleaned), its type and size; a ValidationError with a clear message otherwise."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("An evidence file may be at most 20 MB."))
    upload.seek(0)
    data = upload.read(EVIDENCE_MAX_BYTES + 1)
    if len(data) > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("An evidence file may be at most 20 MB."))
    file_type = sniff(data[:16], data)
    if file_type is None:
        raise ValidationError(_("Evidence must be a PDF, a Word document (.docx) or a JPEG, PNG or WebP image."))
    if file_type in IMAGE_TYPES:
        data = strip_image(data, file_type)
    return ContentFile(data), file_type, len(data)
