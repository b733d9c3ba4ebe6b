"""Hostile and ordinary pictures made with Pillow for the image tests of every app, and a check of a media root."""

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from qunying.core.images import image_type, metadata_in

CAMERA = "SecretCam-Serial-0042"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="31.6"/></x:xmpmeta>'


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (31.0, 36.0, 0.0), 3: "E", 4: (117.0, 52.0, 0.0)}  # GPSInfo: 巢湖
    return exif


def photo_bytes(fmt: str = "JPEG", size=(64, 48), orientation: int = 1) -> bytes:
    """A picture carrying GPS EXIF, a camera serial, XMP and an ICC profile: everything the service must remove."""
    buffer = io.BytesIO()
    options = {
        "exif": camera_exif(orientation),
        "icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    }
    if fmt != "PNG":
        options["xmp"] = XMP
    Image.new("RGB", size, "navy").save(buffer, format=fmt, **options)
    return buffer.getvalue()


def gps_jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes(), content_type="image/jpeg")


def polyglot(name: str = "报告.pdf") -> SimpleUploadedFile:
    """A real JPEG with a web page appended, named as a PDF (finding 2 of issue 15)."""
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    return SimpleUploadedFile(name, photo_bytes() + html, content_type="application/pdf")


def bomb_png(side: int = 30000) -> bytes:
    """A PNG of a few hundred bytes whose header claims side × side pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\0" * (side + 1))  # one row of the claimed thousands
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def has_gps(data: bytes) -> bool:
    return bool(Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825))


def images_with_metadata(root: Path) -> list[str]:
    """Every image file under `root` that still carries metadata (an empty list when all are clean)."""
    found = []
    for path in root.rglob("*"):
        data = path.read_bytes() if path.is_file() else b""
        if image_type(data) is not None and (metadata_in(data) or CAMERA.encode() in data):
            found.append(path.relative_to(root).as_posix())
    return found
