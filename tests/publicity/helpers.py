"""Shared helpers for the publicity tests: stories through the workflow, image bytes with EXIF."""

import io

from PIL import Image

from qunying.publicity import services


def published_story(people, unit, *, consent=True, title="城关卫士", body="正文", columns=()):
    story = services.create_story(title=title, body=body, unit=unit, people=people, columns=columns, by=None)
    services.submit_story(story, by=None)
    for _ in range(3):
        story = services.review_story(story, decision="approve", by=None)
    if consent:
        for featured in story.featured.all():
            services.record_consent(featured, given_by="self", by=None)
        story = services.publish_story(story, by=None)
    return story


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF: a camera model and a GPS position (the GPS IFD)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "PhoneCam X"  # Model
    exif[0x8825] = {1: "N", 2: (31.0, 36.0, 0.0), 3: "E", 4: (117.0, 52.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 120, 0)).save(buffer, format="PNG")
    return buffer.getvalue()
