"""The public honour board's photos carry no metadata: a person photo uploaded with GPS comes back from
/honours/photo/<id>/ without EXIF or GPS, and so does one stored before the image service existed."""

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from qunying.accounts.enums import Role
from qunying.core.images import metadata_in
from qunying.org.models import Person
from qunying.publicity import services
from tests.core.image_samples import CAMERA, gps_jpeg, has_gps, images_with_metadata, photo_bytes
from tests.factories import PersonFactory
from tests.org.test_people import person_form
from tests.publicity.helpers import published_story


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def on_board(person, unit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published_story([person], unit)


def test_a_person_photo_uploaded_with_gps_reaches_the_board_without_it(
    client, tree, role_user, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    form = person_form(tree["station_a"], photo=gps_jpeg("现场.jpg"))
    assert client.post(reverse("org:person_create"), form).status_code == 302
    person = Person.objects.get(badge_number=form["badge_number"])
    on_board(person, tree["station_a"], django_capture_on_commit_callbacks)
    client.logout()

    response = client.get(reverse("board:board_photo", args=[person.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG" and len(image.getexif()) == 0 and not has_gps(response.content)
    assert metadata_in(response.content) == set() and CAMERA.encode() not in response.content
    assert images_with_metadata(tmp_path) == []


def test_a_photo_stored_before_the_image_service_is_served_clean_on_the_board(
    client, tree, django_capture_on_commit_callbacks
):
    person = PersonFactory(unit=tree["station_a"], name="陈旧照")
    person.photo.save("old.pdf", ContentFile(photo_bytes()), save=True)  # as the old upload path stored it
    on_board(person, tree["station_a"], django_capture_on_commit_callbacks)

    response = client.get(reverse("board:board_photo", args=[person.pk]))

    assert response["Content-Type"] == "image/jpeg" and not has_gps(response.content)
    assert metadata_in(response.content) == set()


def test_a_story_photo_on_the_board_carries_no_metadata(client, tree, django_capture_on_commit_callbacks):
    person = PersonFactory(unit=tree["station_a"])
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story([person], tree["station_a"])
        photo = services.add_story_photo(story, upload=gps_jpeg(), by=None)

    response = client.get(reverse("board:story_photo", args=[photo.pk]))

    assert response["Content-Type"] == "image/jpeg" and metadata_in(response.content) == set()
