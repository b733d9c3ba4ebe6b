"""Deeds: recording, scope (pages, list, search, export), verification and rejection, evidence, query counts."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds import services
from qunying.deeds.enums import DeedSource, DeedStatus
from qunying.deeds.models import Deed, DeedEvidence
from qunying.deeds.queries import deeds_visible_to
from qunying.org.rules import PEOPLE_READERS
from tests.deeds.conftest import make_deed
from tests.factories import PersonFactory


def test_create_deed_belongs_to_the_first_persons_unit_and_is_audited(people, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)

    deed = make_deed(people["squad"], people["a"], by=officer)

    assert deed.status == DeedStatus.PROPOSED
    assert deed.unit == people["squad"].unit
    assert [p.person for p in deed.participants.order_by("position")] == [people["squad"], people["a"]]
    entry = AuditEntry.objects.get(action="deeds.deed.proposed", object_id=str(deed.pk))
    assert entry.actor == officer


def test_create_deed_refuses_bad_input_and_writes_nothing(people):
    with pytest.raises(ValidationError) as error:
        make_deed(people["a"], title="", narrative="", date=None)

    assert set(error.value.message_dict) == {"title", "narrative", "date"}
    assert not Deed.objects.exists()


def test_unit_manager_cannot_propose_for_another_station(people, role_user):
    with pytest.raises(PermissionDenied):
        make_deed(people["b"], by=role_user(Role.UNIT_MANAGER, "station_a"))


def test_deed_page_records_a_deed_from_badge_numbers(client, people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:deed_create"),
        {
            "title": "勇救落水儿童",
            "date": "2022-07-01",
            "hazard": "high",
            "source": "supervisor",
            "narrative": "跳入河中救起落水儿童。",
            "people": "340101 主救 2\n340102",
        },
    )

    deed = Deed.objects.get(title="勇救落水儿童")
    assert response.status_code == 302
    participants = list(deed.participants.order_by("position"))
    assert (participants[0].person, participants[0].role, participants[0].hours) == (people["a"], "主救", 2)
    assert participants[1].person == people["squad"]


def test_deed_page_refuses_a_person_of_another_unit_with_a_message(client, people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:deed_create"),
        {
            "title": "x",
            "date": "2022-07-01",
            "hazard": "none",
            "source": "supervisor",
            "narrative": "y",
            "people": "340201",
        },
    )

    assert response.status_code == 200
    assert "第 1 行：您的单位中没有警号为 340201 的人员。" in response.content.decode()
    assert not Deed.objects.exists()


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_deeds_of_another_unit_do_not_leak(client, people, role_user, role):
    ours, theirs = make_deed(people["squad"], title="我们的事迹"), make_deed(people["b"], title="他们的事迹")
    client.force_login(role_user(role, "station_a"))

    listing = client.get(reverse("deeds:deed_list")).content.decode()
    searched = client.get(reverse("deeds:deed_list"), {"q": "吴乙所"})
    detail = client.get(reverse("deeds:deed_detail", args=[theirs.pk]))

    assert "我们的事迹" in listing and "他们的事迹" not in listing
    assert list(searched.context["page"].object_list) == []
    assert detail.status_code == 404
    assert client.get(reverse("deeds:deed_detail", args=[ours.pk])).status_code == 200


def test_export_holds_only_deeds_in_scope_and_neutralises_formulas(client, people, role_user):
    make_deed(people["a"], title='=HYPERLINK("http://evil")')
    make_deed(people["b"], title="他们的事迹")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("deeds:deed_export"))

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("日期", "标题", "人员")
    assert len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert AuditEntry.objects.filter(action="deeds.deed.exported").exists()


def test_export_of_a_unit_outside_the_scope_is_404(client, people, role_user, tree):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    assert client.get(reverse("deeds:deed_export"), {"unit": tree["station_b"].pk}).status_code == 404


def test_a_deed_naming_someone_of_our_unit_is_visible_though_it_belongs_elsewhere(people, role_user):
    shared = make_deed(people["b"], people["a"])

    assert shared in deeds_visible_to(role_user(Role.LEADER, "station_a"))


def test_a_member_sees_their_own_deeds_only(client, people, role_user):
    member = role_user(Role.MEMBER, "station_a")
    people["a"].user = member
    people["a"].save(update_fields=["user"])
    own, other = make_deed(people["a"], title="本人事迹"), make_deed(people["squad"], title="同事事迹")
    client.force_login(member)

    listing = client.get(reverse("deeds:deed_list")).content.decode()

    assert "本人事迹" in listing and "同事事迹" not in listing
    assert client.get(reverse("deeds:deed_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("deeds:deed_detail", args=[other.pk])).status_code == 404


def test_list_filters_by_unit_subtree_status_and_source(client, people, role_user, tree):
    make_deed(people["squad"], title="中队事迹")
    media = make_deed(people["b"], title="乙所报道", source=DeedSource.MEDIA)
    services.verify_deed(media, by=None)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    by_unit = client.get(reverse("deeds:deed_list"), {"unit": tree["station_a"].pk})
    by_status = client.get(reverse("deeds:deed_list"), {"status": "verified", "source": "media"})
    by_period = client.get(reverse("deeds:deed_list"), {"date_from": "2023-01-01"})

    assert [d.title for d in by_unit.context["page"].object_list] == ["中队事迹"]
    assert [d.title for d in by_status.context["page"].object_list] == ["乙所报道"]
    assert list(by_period.context["page"].object_list) == []


def test_list_survives_bad_filter_values(client, people, role_user):
    make_deed(people["a"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("deeds:deed_list"), {"unit": "x", "date_from": "nope", "kind": "?", "page": "z"})

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_deed_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        make_deed(PersonFactory(unit=tree["squad_a"]), PersonFactory(unit=tree["station_b"]), title=f"事迹{index}")

    with django_assert_num_queries(12):
        response = client.get(reverse("deeds:deed_list"))

    assert len(response.context["page"].object_list) == count


def test_verify_and_reject_through_the_page_with_audit(client, people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    good, doubtful = make_deed(people["squad"], title="属实"), make_deed(people["a"], title="存疑")
    client.force_login(manager)

    client.post(reverse("deeds:deed_decide", args=[good.pk]), {"decision": "verify"})
    no_reason = client.post(reverse("deeds:deed_decide", args=[doubtful.pk]), {"decision": "reject"}, follow=True)
    client.post(reverse("deeds:deed_decide", args=[doubtful.pk]), {"decision": "reject", "reason": "时间地点无法核实"})

    good.refresh_from_db()
    doubtful.refresh_from_db()
    assert (good.status, good.verified_by) == (DeedStatus.VERIFIED, manager)
    assert "请填写不予认定的理由。" in no_reason.content.decode()
    assert (doubtful.status, doubtful.rejection_reason) == (DeedStatus.REJECTED, "时间地点无法核实")
    assert AuditEntry.objects.filter(action="deeds.deed.verified", object_id=str(good.pk)).count() == 1
    assert AuditEntry.objects.filter(action="deeds.deed.rejected", object_id=str(doubtful.pk)).count() == 1


def test_a_decided_deed_cannot_be_decided_again(people, settings):
    settings.QUNYING_EVIDENCE_FROM_HAZARD = ""  # evidence is not the point here
    deed = make_deed(people["a"])
    services.verify_deed(deed, by=None)

    with pytest.raises(PermissionDenied, match="已审核过"):
        services.reject_deed(deed, reason="改主意了", by=None)

    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED


@pytest.mark.parametrize("role", [Role.LEADER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER])
def test_readers_who_are_not_supervisors_cannot_verify(client, people, role_user, role):
    deed = make_deed(people["a"])
    client.force_login(role_user(role))

    response = client.post(reverse("deeds:deed_decide", args=[deed.pk]), {"decision": "verify"})

    assert response.status_code == 403  # they read the deed, so it is no secret that it exists
    deed.refresh_from_db()
    assert deed.status == DeedStatus.PROPOSED


def test_a_unit_manager_cannot_verify_a_deed_of_another_station(client, people, role_user):
    deed = make_deed(people["b"])
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    assert client.post(reverse("deeds:deed_decide", args=[deed.pk]), {"decision": "verify"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.verify_deed(deed, by=role_user(Role.UNIT_MANAGER, "station_a"))


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (31.0, 36.0, 0.0)}  # GPSInfo: latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_evidence_type_comes_from_the_content_and_exif_is_stripped(client, people, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deed = make_deed(people["a"])
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()

    client.post(
        reverse("deeds:evidence_add", args=[deed.pk]),
        {"file": SimpleUploadedFile("现场照片.png", original, content_type="image/png"), "description": "现场"},
    )

    evidence = DeedEvidence.objects.get(deed=deed)
    assert evidence.file_type == "jpeg"
    assert evidence.file.name.startswith("deeds/evidence/") and evidence.file.name.endswith(".jpeg")
    stored = evidence.file.open("rb").read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"CameraMaker" not in stored
    assert AuditEntry.objects.filter(action="deeds.evidence.attached").count() == 1


def test_evidence_of_other_kinds_or_too_large_is_refused_with_a_message(client, people, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deed = make_deed(people["a"])
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    program = client.post(
        reverse("deeds:evidence_add", args=[deed.pk]),
        {"file": SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
        follow=True,
    )
    huge = client.post(
        reverse("deeds:evidence_add", args=[deed.pk]),
        {
            "file": SimpleUploadedFile(
                "big.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), content_type="application/pdf"
            )
        },
        follow=True,
    )

    assert "佐证材料须为 PDF、Word 文档（.docx）或 JPEG、PNG、WebP 图片。" in program.content.decode()
    assert "佐证材料最大 20 MB。" in huge.content.decode()
    assert not DeedEvidence.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


def test_pdf_and_docx_evidence_is_accepted(people, settings, tmp_path):
    import zipfile

    settings.MEDIA_ROOT = tmp_path
    deed = make_deed(people["a"])
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")

    pdf = services.attach_evidence(deed, upload=SimpleUploadedFile("a.bin", b"%PDF-1.4\n%%EOF"), by=None)
    word = services.attach_evidence(deed, upload=SimpleUploadedFile("a.bin", docx.getvalue()), by=None)

    assert (pdf.file_type, word.file_type) == ("pdf", "docx")


def test_evidence_is_served_only_within_the_deeds_scope(client, people, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deed = make_deed(people["a"])
    evidence = services.attach_evidence(deed, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF"), by=None)
    url = reverse("deeds:evidence_file", args=[evidence.pk])

    client.force_login(role_user(Role.LEADER, "station_a"))
    inside = client.get(url)
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_b"))
    outside = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert inside.status_code == 200 and inside["Content-Type"] == "application/pdf"
    assert outside.status_code == 404
    assert anonymous.status_code == 302
    assert settings.MEDIA_URL not in evidence.file.name
