"""Writing and editing stories on pages, and their photos: real type checked, size limited, EXIF removed, served
only within scope (staff) or while the story is public (board)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qunying.core.models import AuditEntry
from qunying.publicity import services
from qunying.publicity.models import Column, Story, StoryPhoto
from qunying.publicity.services.photos import PHOTO_MAX_BYTES
from tests.factories import PersonFactory
from tests.publicity.helpers import jpeg_with_gps, png_bytes, published_story


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def person(tree):
    return PersonFactory(name="陈志远", unit=tree["station_a"])


@pytest.fixture
def draft(tree, person):
    return services.create_story(title="城关卫士", body="正文", unit=tree["station_a"], people=[person], by=None)


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- write and edit --------------------------------------------------------------------------------------------------


def test_a_writer_creates_a_story_on_the_page(client, tree, person, role_user):
    column = Column.objects.get(name="辅警风采")
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.post(
        reverse("publicity:story_create"),
        {"title": "路口守护人", "body": "**事迹**", "unit": tree["station_a"].pk, "people": person.badge_number,
         "columns": [column.pk]},
    )  # fmt: skip
    story = Story.objects.get(title="路口守护人")
    assert response.status_code == 302 and response.url == reverse("publicity:story_detail", args=[story.pk])
    assert story.status == "draft" and list(story.people.all()) == [person] and list(story.columns.all()) == [column]
    assert AuditEntry.objects.filter(action="publicity.story.created", object_id=str(story.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "正文"}, "此项必填"),
        ({"title": "标题", "body": "正文", "people": "NOSUCH1"}, "NOSUCH1"),
    ],
)
def test_bad_story_input_is_shown_on_the_form(client, tree, role_user, data, message):
    client.force_login(role_user("publicity_editor"))
    response = client.post(reverse("publicity:story_create"), {"unit": tree["station_a"].pk, **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Story.objects.exists()


def test_people_outside_the_writers_scope_cannot_be_featured(client, tree, role_user):
    other = PersonFactory(unit=tree["station_b"])
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.post(
        reverse("publicity:story_create"),
        {"title": "标题", "body": "正文", "unit": tree["station_a"].pk, "people": other.badge_number},
    )
    assert response.status_code == 200 and other.badge_number in response.content.decode()
    assert not Story.objects.exists()


def test_a_unit_outside_the_writers_scope_is_not_offered(client, tree, role_user):
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.post(
        reverse("publicity:story_create"), {"title": "标题", "body": "正文", "unit": tree["station_b"].pk}
    )
    assert response.status_code == 200 and not Story.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("member", 403), ("sys_admin", 403)])
def test_only_writers_open_the_story_form(client, role_user, role, status):
    client.force_login(role_user(role))
    assert client.get(reverse("publicity:story_create")).status_code == status


def test_editing_keeps_the_consent_of_people_kept_and_drops_people_removed(client, tree, draft, person, role_user):
    services.record_consent(draft.featured.get(), given_by="self", by=None)
    second = PersonFactory(name="刘桂芳", unit=tree["station_a"])
    client.force_login(role_user("publicity_editor"))
    url = reverse("publicity:story_update", args=[draft.pk])
    assert person.badge_number in client.get(url).content.decode()
    saved = client.post(
        url,
        {"title": "新标题", "body": "新正文", "people": f"{person.badge_number} {second.badge_number}"},
        follow=True,
    )
    assert "草稿已保存。完成后请提交审核。" in saved.content.decode()
    draft.refresh_from_db()
    assert draft.title == "新标题"
    assert {f.person_id: f.has_consent for f in draft.featured.all()} == {person.pk: True, second.pk: False}
    client.post(url, {"title": "新标题", "body": "新正文", "people": second.badge_number})
    assert [f.person_id for f in draft.featured.all()] == [second.pk]
    assert AuditEntry.objects.filter(action="publicity.story.updated", object_id=str(draft.pk)).count() == 2


def test_a_story_in_review_cannot_be_edited(client, draft, role_user):
    services.submit_story(draft, by=None)
    client.force_login(role_user("publicity_editor"))
    response = client.post(reverse("publicity:story_update", args=[draft.pk]), {"title": "改", "body": "改"})
    assert response.status_code == 403  # publicity.edit_story: a draft or a withdrawn story only
    draft.refresh_from_db()
    assert draft.title == "城关卫士"


def test_another_units_story_cannot_be_edited(client, tree, role_user):
    other = services.create_story(title="乙所", body="正文", unit=tree["station_b"], by=None)
    client.force_login(role_user("publicity_editor", "station_a"))
    assert client.get(reverse("publicity:story_update", args=[other.pk])).status_code == 404


# --- photos ----------------------------------------------------------------------------------------------------------


def test_an_uploaded_photo_loses_its_exif_and_gps(client, draft, role_user):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture does carry a position
    client.force_login(role_user("publicity_editor"))
    response = client.post(
        reverse("publicity:photo_add", args=[draft.pk]), {"photo": upload(original), "caption": "执勤"}
    )
    assert response.status_code == 302
    photo = StoryPhoto.objects.get()
    stored = photo.file.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert len(image.getexif()) == 0 and b"PhoneCam" not in stored and b"Exif" not in stored
    assert photo.file_type == "jpeg" and photo.caption == "执勤"
    assert "photo.jpg" not in photo.file.name  # the uploader's name is not kept
    assert AuditEntry.objects.filter(action="publicity.photo.added", object_id=str(draft.pk)).exists()


def test_a_file_that_is_not_an_image_is_refused_in_chinese(client, draft, role_user):
    client.force_login(role_user("publicity_editor"))
    fake = upload(b"%PDF-1.4 not a picture at all", name="photo.jpg")
    response = client.post(reverse("publicity:photo_add", args=[draft.pk]), {"photo": fake})
    assert response.status_code == 200 and "图片须为 JPEG、PNG 或 WebP 格式" in response.content.decode()
    assert not StoryPhoto.objects.exists()


def test_an_image_of_another_format_is_refused(client, draft, role_user):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="GIF")
    client.force_login(role_user("publicity_editor"))
    response = client.post(reverse("publicity:photo_add", args=[draft.pk]), {"photo": upload(buffer.getvalue())})
    assert response.status_code == 200 and not StoryPhoto.objects.exists()


def test_an_oversized_photo_is_refused(client, draft, role_user):
    client.force_login(role_user("publicity_editor"))
    big = upload(png_bytes() + b"\0" * PHOTO_MAX_BYTES, name="big.png", content_type="image/png")
    response = client.post(reverse("publicity:photo_add", args=[draft.pk]), {"photo": big})
    assert response.status_code == 200 and "图片不能超过 10 MB" in response.content.decode()
    assert not StoryPhoto.objects.exists()


def test_a_truncated_image_is_refused(draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.add_story_photo(draft, upload=upload(jpeg_with_gps()[:200]), by=None)
    assert not StoryPhoto.objects.exists()


def test_photos_are_served_within_scope_only(client, tree, draft, role_user):
    photo = services.add_story_photo(draft, upload=upload(png_bytes(), "a.png", "image/png"), by=None)
    url = reverse("publicity:photo", args=[photo.pk])
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.force_login(role_user("publicity_editor", "station_b"))
    assert client.get(url).status_code == 404  # a draft of another unit
    client.force_login(role_user("member", "station_b"))
    assert client.get(url).status_code == 404  # not published yet
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_photo_shows_on_the_board_only_while_the_story_is_public(
    client, tree, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story([person], tree["station_a"], consent=False)
        photo = services.add_story_photo(story, upload=upload(png_bytes(), "a.png", "image/png"), by=None)
    board_url = reverse("board:story_photo", args=[photo.pk])
    assert client.get(board_url).status_code == 404  # approved, not published
    with django_capture_on_commit_callbacks(execute=True):
        services.record_consent(story.featured.get(), given_by="self", by=None)
        services.publish_story(story, by=None)
    assert client.get(board_url).status_code == 200
    assert board_url in client.get(reverse("board:honour_board")).content.decode()
    person.classified = True
    person.save(update_fields=["classified"])
    assert client.get(board_url).status_code == 404  # a classified person's story is never public


def test_removing_a_photo(client, draft, role_user):
    photo = services.add_story_photo(draft, upload=upload(png_bytes(), "a.png", "image/png"), by=None)
    client.force_login(role_user("publicity_editor", "station_b"))
    assert client.post(reverse("publicity:photo_remove", args=[photo.pk])).status_code == 404
    client.force_login(role_user("publicity_editor", "station_a"))
    client.post(reverse("publicity:photo_remove", args=[photo.pk]))
    assert not StoryPhoto.objects.exists()
    assert AuditEntry.objects.filter(action="publicity.photo.removed").exists()


def test_withdrawn_consent_takes_the_photo_off_the_board(
    client, tree, person, role_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story([person], tree["station_a"])
        photo = services.add_story_photo(story, upload=upload(png_bytes(), "a.png", "image/png"), by=None)
    board_url = reverse("board:story_photo", args=[photo.pk])
    assert board_url in client.get(reverse("board:honour_board")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_consent(story.featured.get(), by=None)
    assert client.get(board_url).status_code == 404
    assert board_url not in client.get(reverse("board:honour_board")).content.decode()
    client.force_login(role_user("publicity_editor"))  # staff still see it on the story page
    assert (
        reverse("publicity:photo", args=[photo.pk])
        in client.get(reverse("publicity:story_detail", args=[story.pk])).content.decode()
    )


def test_the_story_list_filters_and_exports_within_scope(client, tree, person, role_user):
    import openpyxl

    column = Column.objects.get(name="公安群英榜")
    published_story([person], tree["station_a"], title="=已发布稿件", columns=[column])
    services.create_story(title="甲所草稿", body="正文", unit=tree["station_a"], by=None)
    services.create_story(title="乙所草稿", body="正文", unit=tree["station_b"], by=None)
    client.force_login(role_user("publicity_editor", "station_a"))
    body = client.get(reverse("publicity:story_list"), {"status": "draft"}).content.decode()
    assert "甲所草稿" in body and "已发布稿件" not in body and "乙所草稿" not in body
    body = client.get(reverse("publicity:story_list"), {"column": column.pk}).content.decode()
    assert "已发布稿件" in body and "甲所草稿" not in body
    response = client.get(reverse("publicity:story_export"))
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert sorted(row[0] for row in rows[1:]) == ["'=已发布稿件", "甲所草稿"]
    published = next(row for row in rows if row[0] == "'=已发布稿件")
    assert published[3] == "公安群英榜" and published[4] == "陈志远"
    assert AuditEntry.objects.filter(action="publicity.stories.exported").exists()
    assert client.get(reverse("publicity:story_export"), {"unit": tree["station_b"].pk}).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_story_export_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for i in range(count):
        services.create_story(
            title=f"稿{i}", body="正文", unit=tree["station_a"], people=[PersonFactory(unit=tree["station_a"])], by=None
        )
    client.force_login(role_user("publicity_editor"))
    client.get(reverse("publicity:story_export"))
    with django_assert_num_queries(12):
        response = client.get(reverse("publicity:story_export"))
        b"".join(response.streaming_content)


def test_publish_is_disabled_with_the_services_reason_until_everyone_consented(client, tree, person, role_user):
    story = published_story([person], tree["station_a"], consent=False)  # approved, nobody's consent yet
    client.force_login(role_user("publicity_editor", "station_a"))
    url = reverse("publicity:story_detail", args=[story.pk])

    blocked = client.get(url).content.decode()
    services.record_consent(story.featured.get(), given_by="self", by=None)
    offered = client.get(url).content.decode()

    assert 'data-publish="blocked"' in blocked and "陈志远" in blocked and 'value="publish"' not in blocked
    assert 'data-publish="blocked"' not in offered and 'name="action" value="publish"' in offered
