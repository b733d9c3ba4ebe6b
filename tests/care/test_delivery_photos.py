"""Award-delivery photos through the core image service: stored without GPS or camera data, a polyglot or a bomb
refused with a message, served typed by the stored format, never sniffed nor cached."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from qunying.care import services
from qunying.care.models import AwardDelivery
from qunying.core.images import metadata_in
from tests.core.image_samples import bomb_png, gps_jpeg, images_with_metadata, polyglot
from tests.factories import HonourFactory, PersonFactory


@pytest.fixture
def honour(tree):
    person = PersonFactory(unit=tree["squad_a"], name="周待颁")
    return HonourFactory(
        person=person, award_type="commendation", awarded_on=timezone.localdate() - timezone.timedelta(days=31)
    )


def deliver(client, honour, photo):
    form = {"method": "at_post", "delivered_on": timezone.localdate().isoformat(), "delivered_by": "所长"}
    return client.post(reverse("care:delivery_create", args=[honour.pk]), {**form, "photo": photo})


def test_a_delivery_photo_with_gps_is_stored_clean_and_served_typed(client, care, honour, tmp_path):
    client.force_login(care)

    response = deliver(client, honour, gps_jpeg("颁奖.jpg"))

    delivery = AwardDelivery.objects.get(honour=honour)
    assert response.status_code == 302 and delivery.photo.name.endswith(".jpeg")
    assert images_with_metadata(tmp_path) == []
    served = client.get(reverse("care:delivery_photo", args=[delivery.pk]))
    assert served["Content-Type"] == "image/jpeg" and served["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in served["Cache-Control"] and metadata_in(b"".join(served.streaming_content)) == set()


@pytest.mark.parametrize(
    ("photo", "message"),
    [
        (polyglot("颁奖.pdf"), "名称与内容不符"),
        (SimpleUploadedFile("bomb.png", bomb_png()), "图片像素过多"),
    ],
)
def test_a_polyglot_or_a_bomb_is_refused_with_a_message(client, care, honour, photo, message, tmp_path):
    client.force_login(care)

    response = deliver(client, honour, photo)

    assert response.status_code == 200 and message in response.content.decode()
    assert not AwardDelivery.objects.exists() and list(tmp_path.rglob("*.*")) == []


def test_the_service_cleans_a_photo_handed_over_directly(care, honour, tmp_path):
    with pytest.raises(ValidationError):
        services.record_delivery(
            honour, method="at_post", delivered_on=timezone.localdate(), delivered_by="所长", photo=polyglot(), by=care
        )
    delivery = services.record_delivery(
        honour, method="at_post", delivered_on=timezone.localdate(), delivered_by="所长", photo=gps_jpeg(), by=care
    )

    assert delivery.photo.name.startswith("care/deliveries/") and images_with_metadata(tmp_path) == []
