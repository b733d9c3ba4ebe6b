"""Person photos through the core image service: stored re-encoded without GPS or camera data under the extension of
their real format, a polyglot named .pdf refused, a replaced photo removed, served typed, never sniffed nor cached."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.images import metadata_in
from qunying.org import services
from qunying.org.models import Person
from tests.core.image_samples import bomb_png, gps_jpeg, has_gps, images_with_metadata, photo_bytes, polyglot
from tests.factories import PersonFactory, valid_id_number
from tests.org.test_people import person_form


@pytest.fixture
def officer(client, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    return client


def create_with_photo(client, tree, photo):
    data = person_form(tree["station_a"], id_number=valid_id_number("19900101", 123), photo=photo)
    return client.post(reverse("org:person_create"), data)


def test_a_photo_with_gps_is_stored_without_any_metadata(officer, tree, tmp_path):
    response = create_with_photo(officer, tree, gps_jpeg("我的照片.jpg"))

    assert response.status_code == 302
    person = Person.objects.get(badge_number="350001")
    assert person.photo.name.startswith("people/photos/") and person.photo.name.endswith(".jpeg")
    assert metadata_in(person.photo.read()) == set()
    assert images_with_metadata(tmp_path) == []


def test_the_polyglot_named_pdf_is_refused_in_chinese_and_nothing_is_stored(officer, tree, tmp_path):
    response = create_with_photo(officer, tree, polyglot("证件照.pdf"))

    assert response.status_code == 200
    assert "文件名后缀为“.pdf”，但文件内容是JPEG 图片，名称与内容不符，请上传原始文件。" in response.content.decode()
    assert not Person.objects.filter(badge_number="350001").exists() and list(tmp_path.rglob("*.*")) == []


def test_a_decompression_bomb_is_refused_without_a_server_error(officer, tree):
    response = create_with_photo(officer, tree, SimpleUploadedFile("bomb.png", bomb_png()))

    assert response.status_code == 200 and "图片像素过多" in response.content.decode()


def test_the_service_cleans_a_photo_handed_over_directly(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=tree["station_a"])

    services.update_person(person, by=None, photo=gps_jpeg("photo.jpg"))

    person.refresh_from_db()
    assert person.photo.name.endswith(".jpeg") and not has_gps(person.photo.read())


def test_a_replaced_photo_leaves_the_disk(officer, tree, tmp_path, django_capture_on_commit_callbacks):
    create_with_photo(officer, tree, gps_jpeg())
    person = Person.objects.get(badge_number="350001")
    first = tmp_path / person.photo.name
    data = person_form(tree["station_a"], id_number=valid_id_number("19900101", 123))

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            reverse("org:person_update", args=[person.pk]),
            {**data, "photo": SimpleUploadedFile("new.png", photo_bytes("PNG"))},
        )

    person.refresh_from_db()
    assert response.status_code == 302 and person.photo.name.endswith(".png")
    assert not first.exists() and [p.name for p in tmp_path.rglob("*.*")] == [person.photo.name.rsplit("/")[-1]]


def test_a_photo_is_served_as_its_stored_type_never_sniffed_nor_cached(officer, tree):
    create_with_photo(officer, tree, gps_jpeg("照片.pdf.jpg"))
    person = Person.objects.get(badge_number="350001")

    response = officer.get(reverse("org:person_photo", args=[person.pk]))

    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
