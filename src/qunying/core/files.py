"""Uploaded and stored files: an upload read within a size limit, its name checked against its content, random
stored names, and download responses whose type comes from what was stored, never from the uploader."""

import re
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.downloads import no_store

# What each stored type may be called; a name saying another kind of file than the content is refused, so a JPEG
# with a page appended cannot pass for a PDF (among pictures a wrong name is harmless: they are re-encoded).
IMAGE_EXTENSIONS = {"jpg", "jpeg", "jpe", "jfif", "pjpeg", "pjp", "png", "apng", "webp"}
EXTENSIONS = {
    "jpeg": IMAGE_EXTENSIONS,
    "png": IMAGE_EXTENSIONS,
    "webp": IMAGE_EXTENSIONS,
    "pdf": {"pdf"},
    "docx": {"docx"},
}
NEUTRAL_EXTENSIONS = {"", "bin", "dat", "tmp", "blob"}  # names that claim nothing (pasted images, camera apps)
TYPE_LABELS = {
    "jpeg": gettext_lazy("a JPEG image"),
    "png": gettext_lazy("a PNG image"),
    "webp": gettext_lazy("a WebP image"),
    "pdf": gettext_lazy("a PDF document"),
    "docx": gettext_lazy("a Word document"),
}
CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")


def too_large(max_bytes: int, message: str | None = None) -> ValidationError:
    return ValidationError(
        message or _("A file may be at most %(n)d MB.") % {"n": max_bytes // (1024 * 1024)}, code="too_large"
    )


def read_upload(upload, max_bytes: int, message: str | None = None) -> bytes:
    """The upload's bytes, never more than `max_bytes` read into memory; a ValidationError beyond it."""
    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise too_large(max_bytes, message)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(max_bytes, message)
    return data


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def check_declared_name(name: str, file_type: str) -> None:
    """Refuse a file whose name says another kind of file than its content (`photo.pdf` holding a JPEG)."""
    extension = extension_of(name)
    if extension in NEUTRAL_EXTENSIONS or extension in EXTENSIONS.get(file_type, ()):
        return
    raise ValidationError(
        _("The file is named “.%(extension)s” but it is %(kind)s: please upload the original file.")
        % {"extension": extension[:10], "kind": TYPE_LABELS.get(file_type, file_type)},
        code="name_mismatch",
    )


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: the header first, the end-of-file marker last (nothing but blank bytes after it), so a
    page or a script appended after the document is not accepted as part of it."""
    if not PDF_HEADER.match(data[:8]):
        return False
    end = data.rstrip(b"\r\n\t\f\0 ")
    return end.endswith(b"%%EOF")


def stored_name(prefix: str, filename: str, allowed: set[str]) -> str:
    """A random name under `prefix`; the extension only if it is one the stored content was checked to be."""
    extension = extension_of(filename)
    return f"{prefix}/{uuid.uuid4().hex}.{extension if extension in allowed else 'bin'}"


def content_type_of(name: str) -> str:
    """The type to serve a stored file as, from the extension we gave it when storing; unknown means opaque bytes."""
    return CONTENT_TYPES.get(extension_of(name), "application/octet-stream")


def stored_file_response(
    stored, *, content_type: str, filename: str = "", as_attachment: bool = False, private: bool = True
) -> FileResponse:
    """A stored file as a download: the given type with `nosniff`, and `no-store` unless the file is public."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response) if private else response
