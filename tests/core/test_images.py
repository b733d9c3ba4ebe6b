"""The core image service: real format, limits, metadata removed, orientation kept; names checked against content;
stored downloads typed by what was stored; `qunying clean-images` for files stored before."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from PIL import Image

from qunying.core.files import check_declared_name, is_pdf, stored_file_response
from qunying.core.images import (
    MAX_PIXELS,
    CleanImage,
    ImageUploadField,
    clean_image,
    metadata_in,
    public_image_response,
    reencode,
)
from qunying.core.models import AuditEntry
from tests.core.image_samples import (
    CAMERA,
    XMP,
    bomb_png,
    gps_jpeg,
    has_gps,
    images_with_metadata,
    photo_bytes,
    polyglot,
)
from tests.factories import PersonFactory


@pytest.mark.parametrize(("fmt", "file_type"), [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp")])
def test_reencode_removes_every_kind_of_metadata(fmt, file_type):
    original = photo_bytes(fmt)
    assert {"exif", "icc_profile"} <= metadata_in(original) and has_gps(original)

    clean = reencode(original)

    data = clean.read()
    assert clean.file_type == file_type and clean.name == f"image.{file_type}"
    assert metadata_in(data) == set()
    assert CAMERA.encode() not in data and XMP not in data and b"Exif" not in data
    assert Image.open(io.BytesIO(data)).format == fmt


def test_reencode_keeps_the_picture_upright():
    rotated = photo_bytes(size=(60, 20), orientation=6)  # stored sideways, shown upright by the EXIF tag

    clean = reencode(rotated)

    assert (clean.width, clean.height) == (20, 60)
    assert Image.open(io.BytesIO(clean.read())).size == (20, 60)


def test_a_photo_with_a_damaged_exif_block_is_stored_without_it():
    buffer = io.BytesIO()
    damaged = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\xff\xff" + CAMERA.encode()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="JPEG", exif=damaged)
    assert "exif" in metadata_in(buffer.getvalue())

    clean = reencode(buffer.getvalue()).read()

    assert metadata_in(clean) == set() and CAMERA.encode() not in clean


def test_reencode_keeps_transparency_without_the_info_entry():
    buffer = io.BytesIO()
    image = Image.new("P", (4, 4), 0)
    image.putpixel((1, 1), 5)
    image.save(buffer, format="PNG", transparency=0)

    clean = Image.open(io.BytesIO(reencode(buffer.getvalue()).read()))

    assert clean.mode == "RGBA" and clean.getpixel((0, 0))[3] == 0 and clean.getpixel((1, 1))[3] == 255
    assert "transparency" not in clean.info


def test_a_phone_multi_picture_jpeg_is_stored_as_a_jpeg():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (16, 16), "red"), Image.new("RGB", (16, 16), "blue")
    first.save(buffer, format="MPO", save_all=True, append_images=[second], exif=Image.Exif())

    clean = reencode(buffer.getvalue())

    assert clean.file_type == "jpeg" and Image.open(io.BytesIO(clean.read())).format == "JPEG"


def test_photos_are_scaled_down_to_the_longest_side_asked():
    clean = clean_image(SimpleUploadedFile("big.png", photo_bytes("PNG", size=(300, 100))), max_side=150)

    assert (clean.width, clean.height) == (150, 50)


@pytest.mark.parametrize("side", [30000, 8000])
def test_a_decompression_bomb_is_refused_with_a_chinese_message(side):
    data = bomb_png(side)
    assert len(data) < 20_000 and side * side > MAX_PIXELS

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile("bomb.png", data, content_type="image/png"))

    assert "图片像素过多" in refused.value.messages[0]


def test_the_polyglot_jpeg_named_pdf_is_refused_with_a_chinese_message():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        clean_image(polyglot("报告.pdf"))

    assert refused.value.messages == ["文件名后缀为“.pdf”，但文件内容是JPEG 图片，名称与内容不符，请上传原始文件。"]


def test_a_picture_with_another_picture_extension_is_stored_as_its_real_format():
    clean = clean_image(SimpleUploadedFile("photo.png", photo_bytes("JPEG")))

    assert clean.file_type == "jpeg" and clean.name == "image.jpeg" and clean.content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "page.jpg"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "a.gif"),
        (photo_bytes()[:300], "truncated.jpg"),
        (b"\xff\xd8\xff" + b"\0" * 100, "garbage.jpg"),
        (b"", "empty.jpg"),
    ],
)
def test_anything_but_a_whole_jpeg_png_or_webp_is_refused(data, name):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile(name, data))

    assert refused.value.messages == ["图片须为 JPEG、PNG 或 WebP 格式，该文件不是有效图片。"]


def test_an_image_over_the_byte_limit_is_refused_before_it_is_decoded():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile("big.jpg", photo_bytes() + b"\0" * 1024 * 1024), max_bytes=1024 * 1024)

    assert refused.value.messages == ["图片不能超过 1 MB。"]


def test_the_form_field_hands_over_the_clean_image_and_the_service_does_not_redo_it():
    field = ImageUploadField(max_bytes=1024 * 1024)

    clean = field.clean(gps_jpeg())

    assert isinstance(clean, CleanImage) and metadata_in(clean.read()) == set()
    assert clean_image(clean) is clean
    with pytest.raises(ValidationError):
        field.clean(polyglot())


@pytest.mark.parametrize(
    ("name", "file_type", "accepted"),
    [
        ("现场.JPG", "jpeg", True),
        ("现场.png", "jpeg", True),  # pictures are re-encoded: a wrong picture extension is harmless
        ("blob", "png", True),
        ("a.bin", "pdf", True),
        ("a.pdf", "pdf", True),
        ("a.pdf", "jpeg", False),
        ("a.html", "png", False),
        ("a.jpg", "pdf", False),
        ("a.docx", "pdf", False),
    ],
)
def test_a_name_must_not_claim_another_kind_of_file(name, file_type, accepted):
    if accepted:
        check_declared_name(name, file_type)
    else:
        with pytest.raises(ValidationError):
            check_declared_name(name, file_type)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", True),
        (b"%PDF-1.7\n%%EOF\r\n\0", True),
        (b"%PDF-1.4\n%%EOF\n<html><script>alert(1)</script></html>", False),
        (b"%PDF-1.4\nno end marker", False),
        (b"\xff\xd8\xff%PDF-1.4\n%%EOF", False),
    ],
)
def test_a_pdf_is_recognised_by_its_whole_content(data, expected):
    assert is_pdf(data) is expected


def test_a_stored_download_is_typed_by_the_caller_not_sniffed_and_not_cached(db, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=tree["station_a"])
    person.photo.save("image.jpeg", reencode(photo_bytes()), save=True)

    response = stored_file_response(person.photo, content_type="image/jpeg")
    public = stored_file_response(person.photo, content_type="image/jpeg", private=False)

    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "Cache-Control" not in public
    response.close()
    public.close()


def test_a_public_image_is_served_clean_even_when_stored_with_metadata(db, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=tree["station_a"])
    person.photo.save("legacy.pdf", ContentFile(photo_bytes()), save=True)  # stored before the service existed

    response = public_image_response(person.photo)

    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert metadata_in(response.content) == set() and not has_gps(response.content)


# --- qunying clean-images --------------------------------------------------------------------------------------------


def test_clean_images_reencodes_stored_files_renames_them_and_is_idempotent(
    db, tree, settings, tmp_path, capsys, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    legacy = PersonFactory(unit=tree["station_a"])
    legacy.photo.save("x.pdf", ContentFile(photo_bytes() + b"<html>"), save=True)  # the old path kept the name
    clean = PersonFactory(unit=tree["station_a"])
    clean.photo.save("image.png", reencode(photo_bytes("PNG")), save=True)
    old_name, clean_name = legacy.photo.name, clean.photo.name
    assert images_with_metadata(tmp_path)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean-images")
    first = capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean-images")
    second = capsys.readouterr().out

    legacy.refresh_from_db()
    clean.refresh_from_db()
    assert legacy.photo.name.startswith("people/photos/") and legacy.photo.name.endswith(".jpeg")
    assert not (tmp_path / old_name).exists() and clean.photo.name == clean_name
    assert images_with_metadata(tmp_path) == []
    assert "2 checked, 1 re-encoded (1 with a new extension), 1 already clean" in first
    assert "2 checked, 0 re-encoded (0 with a new extension), 2 already clean" in second
    assert AuditEntry.objects.filter(action="core.images.cleaned").count() == 2


def test_clean_images_dry_run_changes_nothing_and_lists_orphans(
    db, tree, settings, tmp_path, capsys, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=tree["station_a"])
    person.photo.save("x.jpg", ContentFile(photo_bytes()), save=True)
    (tmp_path / "people" / "photos" / "replaced.jpg").write_bytes(photo_bytes())
    before = (tmp_path / person.photo.name).read_bytes()

    call_command("clean-images", "--dry-run")
    out, err = capsys.readouterr()

    assert "1 would be re-encoded" in out and "1 orphaned images" in out and "replaced.jpg" in err
    assert (tmp_path / person.photo.name).read_bytes() == before
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean-images", "--remove-orphans")
    assert images_with_metadata(tmp_path) == []
    assert not (tmp_path / "people" / "photos" / "replaced.jpg").exists()


def test_clean_images_reports_a_file_it_cannot_read_and_exits_1(db, tree, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=tree["station_a"])
    person.photo.save("x.jpg", ContentFile(b"<html>not a picture</html>"), save=True)

    with pytest.raises(SystemExit) as exited:
        call_command("clean-images")

    assert exited.value.code == 1
    assert "not a JPEG, PNG or WebP image" in capsys.readouterr().err
