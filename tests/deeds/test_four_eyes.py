"""Four eyes on deeds (issue 18 rule 3): whoever entered a deed or is named in it cannot decide it, and a deed above
the hazard threshold is verified only on evidence — through the service and through the page."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qunying.accounts.enums import Role
from qunying.deeds import services
from qunying.deeds.enums import DeedStatus, HazardLevel
from tests.deeds.conftest import make_deed


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("现场照片.png", buffer.getvalue(), content_type="image/png")


def test_the_manager_who_entered_a_deed_cannot_verify_it(people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    deed = make_deed(people["a"], by=manager)

    with pytest.raises(PermissionDenied, match="录入或提出该事迹的人"):
        services.verify_deed(deed, by=manager)

    services.verify_deed(deed, by=role_user(Role.POLITICAL_OFFICER))
    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED


def test_a_manager_named_in_a_deed_cannot_verify_it(people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    people["a"].user = manager
    people["a"].save(update_fields=["user"])
    deed = make_deed(people["a"], people["squad"])

    with pytest.raises(PermissionDenied):
        services.verify_deed(deed, by=manager)
    assert not manager.has_perm("deeds.verify_deed", deed)
    deed.refresh_from_db()
    assert deed.status == DeedStatus.PROPOSED


def test_the_page_offers_no_decision_to_whoever_entered_the_deed(client, people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    deed = make_deed(people["a"], by=manager)
    client.force_login(manager)

    page = client.get(reverse("deeds:deed_detail", args=[deed.pk]))
    response = client.post(reverse("deeds:deed_decide", args=[deed.pk]), {"decision": "verify"})

    assert reverse("deeds:deed_decide", args=[deed.pk]) not in page.content.decode()
    assert response.status_code == 403
    deed.refresh_from_db()
    assert deed.status == DeedStatus.PROPOSED


def test_a_high_hazard_deed_is_verified_only_on_evidence(people, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    deed = make_deed(people["a"], hazard=HazardLevel.HIGH)

    with pytest.raises(ValidationError, match="核实前须至少上传一份佐证材料"):
        services.verify_deed(deed, by=officer)
    services.attach_evidence(deed, upload=png(), by=officer)
    services.verify_deed(deed, by=officer)

    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED


def test_the_evidence_threshold_is_a_setting(people, role_user, settings):
    settings.QUNYING_EVIDENCE_FROM_HAZARD = HazardLevel.LOW
    deed = make_deed(people["a"], hazard=HazardLevel.MEDIUM)

    with pytest.raises(ValidationError):
        services.verify_deed(deed, by=role_user(Role.POLITICAL_OFFICER))


def test_the_page_says_evidence_is_missing_and_keeps_the_deed_proposed(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    deed = make_deed(people["a"], hazard=HazardLevel.HIGH, title="拦停失控货车")

    response = client.post(reverse("deeds:deed_decide", args=[deed.pk]), {"decision": "verify"}, follow=True)

    assert "「拦停失控货车」危险程度为高度危险，核实前须至少上传一份佐证材料。" in response.content.decode()
    deed.refresh_from_db()
    assert deed.status == DeedStatus.PROPOSED


def test_the_verify_button_is_disabled_with_the_services_reason_until_evidence_arrives(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    deed = make_deed(people["a"], hazard=HazardLevel.HIGH, title="拦停失控货车")
    url = reverse("deeds:deed_detail", args=[deed.pk])

    blocked = client.get(url).content.decode()
    plain = make_deed(people["a"], hazard=HazardLevel.NONE, title="帮助走失老人回家")
    offered = client.get(reverse("deeds:deed_detail", args=[plain.pk])).content.decode()

    assert 'data-verify="blocked"' in blocked and "核实前须至少上传一份佐证材料" in blocked
    assert 'name="decision" value="verify"' not in blocked and 'name="decision" value="reject"' in blocked
    assert 'data-verify="blocked"' not in offered and 'name="decision" value="verify"' in offered
