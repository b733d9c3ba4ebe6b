"""Evidence through the core image service: pictures stored without metadata, a JPEG with a page appended and named
.pdf refused, a PDF with something appended refused, a decompression bomb refused, downloads never sniffed or cached."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.deeds import services
from qunying.deeds.models import DeedEvidence
from tests.core.image_samples import bomb_png, gps_jpeg, images_with_metadata, polyglot
from tests.deeds.conftest import make_deed


@pytest.fixture
def deed(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_deed(people["a"])


@pytest.fixture
def manager(client, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    return client


def attach(client, deed, upload):
    return client.post(reverse("deeds:evidence_add", args=[deed.pk]), {"file": upload}, follow=True)


def test_evidence_pictures_leave_no_metadata_under_the_media_root(manager, deed, tmp_path):
    attach(manager, deed, gps_jpeg("现场.jpg"))

    evidence = DeedEvidence.objects.get(deed=deed)
    assert evidence.file_type == "jpeg" and evidence.file.name.endswith(".jpeg")
    assert images_with_metadata(tmp_path) == []


def test_a_jpeg_with_a_page_appended_named_pdf_is_refused_in_chinese(manager, deed, tmp_path):
    response = attach(manager, deed, polyglot("报告.pdf"))

    assert response.status_code == 200
    assert "文件名后缀为“.pdf”，但文件内容是JPEG 图片，名称与内容不符" in response.content.decode()
    assert not DeedEvidence.objects.exists() and list(tmp_path.rglob("*.*")) == []


def test_a_pdf_with_something_appended_after_its_end_is_refused(manager, deed):
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n<html><script>alert(1)</script></html>")

    response = attach(manager, deed, upload)

    assert "该 PDF 文件不完整，或在文件结尾之后附加了其他内容" in response.content.decode()
    assert not DeedEvidence.objects.exists()


def test_a_decompression_bomb_is_refused_without_a_server_error(manager, deed):
    response = attach(manager, deed, SimpleUploadedFile("bomb.png", bomb_png(), content_type="image/png"))

    assert response.status_code == 200 and "图片像素过多" in response.content.decode()
    assert not DeedEvidence.objects.exists()


def test_evidence_downloads_are_typed_by_the_stored_type_never_sniffed_nor_cached(manager, deed):
    evidence = services.attach_evidence(deed, upload=gps_jpeg("现场.jpg"), by=None)

    response = manager.get(reverse("deeds:evidence_file", args=[evidence.pk]))

    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
