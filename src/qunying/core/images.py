"""The one door for every uploaded image: Pillow reads the real format, size and pixel limits hold, and the picture is
re-encoded without any metadata (EXIF, GPS, XMP, ICC, comments) before anything is stored."""

import io
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

from qunying.core.files import check_declared_name, extension_of, read_upload

# Only these decoders ever see an upload: a smaller attack surface than every format Pillow knows.
DECODERS = ["JPEG", "PNG", "WEBP"]
# MPO is how Pillow names a phone's multi-picture JPEG: its first picture is an ordinary JPEG.
FILE_TYPES = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}
SAVE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
STORED_IMAGE_EXTENSIONS = set(CONTENT_TYPES)
MAX_BYTES = 10 * 1024 * 1024
# Decompression bombs: a 48-megapixel phone photo fits, a small file claiming 30000 × 30000 does not.
MAX_PIXELS = 50_000_000
PHOTO_MAX_SIDE = 4000  # a photo of a person or a ceremony never needs more; evidence keeps its full size
# What a re-encoded file may still carry: structure, never anything about the camera, the place or the person.
HARMLESS_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "background", "loop", "duration"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class CleanImage(ContentFile):
    """Re-encoded picture bytes, named after their real format (`image.jpeg`), ready for a FileField."""

    def __init__(self, data: bytes, file_type: str, width: int, height: int):
        super().__init__(data, name=f"image.{file_type}")
        self.file_type, self.width, self.height = file_type, width, height

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_type]


def not_an_image() -> ValidationError:
    return ValidationError(_("Photos must be JPEG, PNG or WebP images; this file is not one."), code="invalid_image")


def too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels (at most %(n)d million); please make it smaller and upload it again.")
        % {"n": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def image_type(data: bytes) -> str | None:
    """`jpeg`, `png` or `webp` when the bytes start like one of them (a cheap test before Pillow looks)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def image_content_type(name: str) -> str:
    """How to serve a stored image: from the extension it was stored under; anything else as opaque bytes."""
    return CONTENT_TYPES.get(extension_of(name).replace("jpg", "jpeg"), "application/octet-stream")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours converted to sRGB before the profile is dropped, so a wide-gamut phone photo does not fade."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: the pixels as they are


def _upright(image: Image.Image) -> Image.Image:
    """The picture turned the way its EXIF orientation says; a damaged EXIF block leaves it as it is, not refused."""
    try:
        return ImageOps.exif_transpose(image) or image
    except Exception:  # Pillow's EXIF parser meets any bytes a camera (or an attacker) wrote
        return image


def _pixels_only(image: Image.Image, file_type: str) -> Image.Image:
    """A copy the target format can store, with no `info` left for a plugin to write back into the file."""
    if "transparency" in image.info:  # kept as an alpha channel: the info entry itself goes
        image = image.convert("RGBA")
    if file_type == "jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif file_type == "webp" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    clean = image.copy()
    clean.info = {}
    return clean


def reencode(data: bytes, *, max_pixels: int = MAX_PIXELS, max_side: int | None = None) -> CleanImage:
    """The picture in `data` re-encoded upright and without metadata, in its own format; a ValidationError otherwise."""
    try:
        with warnings.catch_warnings():
            # Pillow warns below its own bomb limit; ours is lower and is checked before any pixel is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=DECODERS) as image:
                file_type = FILE_TYPES.get(image.format or "")
                if file_type is None:
                    raise not_an_image()
                if image.width * image.height > max_pixels:
                    raise too_many_pixels()
                image.load()
                upright = _to_srgb(_upright(image))
                if max_side and max(upright.size) > max_side:
                    upright.thumbnail((max_side, max_side))
                clean = _pixels_only(upright, file_type)
        output = io.BytesIO()
        options = {} if file_type == "png" else {"quality": 90}
        # No exif=, xmp=, icc_profile= or pnginfo=: nothing but the pixels is written.
        clean.save(output, format=SAVE_FORMATS[file_type], **options)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels() from None
    except Exception:  # a decoder fails on hostile input in many ways (OSError, SyntaxError, struct.error…)
        raise not_an_image() from None
    return CleanImage(output.getvalue(), file_type, *clean.size)


def clean_image(upload, *, max_bytes: int = MAX_BYTES, max_side: int | None = PHOTO_MAX_SIDE) -> CleanImage:
    """The upload as a stored image must be: checked (size, real format, name, pixels) and re-encoded."""
    if isinstance(upload, CleanImage):
        return upload  # already through this door (a form field ran it)
    data = read_upload(upload, max_bytes, _("An image may be at most %(n)d MB.") % {"n": max_bytes // (1024 * 1024)})
    file_type = image_type(data)
    if file_type is None:
        raise not_an_image()
    check_declared_name(getattr(upload, "name", ""), file_type)
    return reencode(data, max_side=max_side)


def describe(data: bytes) -> tuple[str, set[str]]:
    """The picture's real type and the kinds of metadata it still carries (none for a clean one), read from its
    headers without decoding the pixels; a ValidationError when it is no JPEG, PNG or WebP image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=DECODERS) as image:
                found = {key for key in image.info if key not in HARMLESS_INFO}
                try:
                    if image.getexif():
                        found.add("exif")
                except Exception:  # an EXIF block too damaged to read is still an EXIF block
                    found.add("exif")
                return FILE_TYPES[image.format or ""], found
    except Exception:  # as in reencode: whatever a decoder trips on, the answer is "not an image"
        raise not_an_image() from None


def metadata_in(data: bytes) -> set[str]:
    return describe(data)[1]


def public_image_response(stored) -> HttpResponse:
    """A stored image for anonymous pages, always clean and typed by its content: a file stored before this service
    existed (or by some other door) is re-encoded on the way out, so no metadata ever reaches the public."""
    try:
        with stored.open("rb") as handle:
            data = handle.read()
        file_type, metadata = describe(data)
        if metadata:
            picture = reencode(data)
            data, file_type = picture.read(), picture.file_type
    except (FileNotFoundError, ValueError, ValidationError):
        raise Http404 from None  # a missing or unreadable file is not served at all
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_type])
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ImageUploadField(forms.FileField):
    """A form's image upload: the cleaned value is the CleanImage, or the form shows why the file was refused."""

    def __init__(self, *, max_bytes: int = MAX_BYTES, max_side: int | None = PHOTO_MAX_SIDE, **kwargs):
        self.max_bytes, self.max_side = max_bytes, max_side
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ",".join(CONTENT_TYPES.values())}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else clean_image(upload, max_bytes=self.max_bytes, max_side=self.max_side)
