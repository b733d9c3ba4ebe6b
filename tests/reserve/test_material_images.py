"""Activity materials through the core image service: pictures stored without metadata, a JPEG with a page appended
and named .pdf refused, downloads typed by the stored type, never sniffed nor cached."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.reserve.models import ActivityMaterial
from qunying.reserve.services.activities import attach_material, create_activity
from tests.core.image_samples import gps_jpeg, images_with_metadata, polyglot
from tests.factories import PersonFactory
from tests.reserve.conftest import admit


@pytest.fixture
def activity(tree, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exemplar = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer).person
    return create_activity(
        kind="deeds_report_meeting",
        title="事迹报告会",
        date=datetime.date(2026, 3, 1),
        place="局大礼堂",
        unit=tree["bureau"],
        people=[exemplar],
        audience_size=120,
        by=officer,
    )


def test_a_material_picture_is_stored_without_metadata_and_served_typed(client, activity, tmp_path):
    material = attach_material(activity, upload=gps_jpeg("现场.jpg"), by=activity.created_by)
    client.force_login(activity.created_by)

    response = client.get(reverse("reserve:material_file", args=[material.pk]))

    assert material.file_type == "jpeg" and images_with_metadata(tmp_path) == []
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_polyglot_named_pdf_is_refused(activity, tmp_path):
    with pytest.raises(ValidationError) as refused:
        attach_material(activity, upload=polyglot("讲稿.pdf"), by=activity.created_by)

    assert "名称与内容不符" in " ".join(refused.value.messages)
    assert not ActivityMaterial.objects.exists() and list(tmp_path.rglob("*.*")) == []
