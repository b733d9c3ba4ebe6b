"""Story photos: the real type read by Pillow (never the name or the browser's word), a size limit, and the picture
re-encoded without its EXIF data (GPS position, device serials) before it is stored."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MAX_PIXELS = 80_000_000  # decompression bombs: several large phone photos' worth at most
MAX_SIDE = 4000  # larger photos are scaled down: a story page never needs more


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    file_type: str
    width: int
    height: int


def _unreadable() -> ValidationError:
    return ValidationError(_("Photos must be JPEG, PNG or WebP images; this file is not one."))


def clean_photo(upload) -> CleanPhoto:
    """The photo to store, or a ValidationError with a Chinese-translatable message."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("A photo may be at most 10 MB."))
    upload.seek(0)
    data = upload.read(PHOTO_MAX_BYTES + 1)
    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError(_("A photo may be at most 10 MB."))
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()  # structure check before decoding anything
        if fmt not in FORMATS:
            raise _unreadable()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if max(upright.size) > MAX_SIDE:
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
            if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            output = io.BytesIO()
            # No exif=, no pnginfo=, no icc_profile=: nothing but the pixels is written.
            upright.save(output, format=fmt, **({"quality": 90} if fmt != "PNG" else {}))
            width, height = upright.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise _unreadable() from None
    return CleanPhoto(output.getvalue(), FORMATS[fmt], width, height)
