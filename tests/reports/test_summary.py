"""The annual summary .docx: python-docx reads it back with the figures, the four parts, tables, chart images and
East-Asian fonts; templates are uploaded (checked first), restored and audited; permissions; bad input."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.reports.models import SummaryTemplate
from qunying.reports.summary import document
from qunying.reports.summary.template import DEFAULT_TEMPLATE, build_default_template
from qunying.reserve.enums import Tier
from qunying.reserve.models import TierChange
from tests.reports.builders import YEAR, honour, issuer, person, reserve_entry

PARTS = ["一、深入挖掘", "二、精心培养", "三、广泛宣传", "四、真情关爱"]


def _text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.fixture
def records(tree, role_user):
    officer, leader = role_user(Role.POLITICAL_OFFICER), role_user(Role.LEADER)
    bureau_issuer = issuer(tree["bureau"].name, "测试市局")
    exemplar = person(tree["station_a"], name="王典型")
    honour(exemplar, source=bureau_issuer)
    honour(person(tree["station_b"], category="auxiliary"), "aux_star", source=bureau_issuer)
    reserve_entry(exemplar, Tier.EXEMPLAR, officer=officer, leader=leader)
    # The summary shows the tiers held at the end of its year: this one was decided in the spring of that year.
    TierChange.objects.filter(entry__person=exemplar).update(
        decided_at=datetime.datetime(YEAR, 3, 1, 10, tzinfo=timezone.get_current_timezone())
    )
    return officer


def test_the_summary_has_the_figures_the_four_parts_tables_charts_and_exemplars(client, records):
    client.force_login(records)

    response = client.get(reverse("reports:summary_download"), {"year": YEAR})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(response.content))
    text = _text(document)
    assert "获测试市局本级嘉奖1人；评选出“辅警之星”1人。" in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [heading[: len(part)] for heading, part in zip(headings, PARTS, strict=False)] == PARTS
    assert "王典型（甲派出所）" in text
    assert "嘉奖" in [row.cells[0].text for table in document.tables for row in table.rows]
    assert len(document.inline_shapes) >= 2  # the honours and reserve charts as images
    assert AuditEntry.objects.filter(action="reports.summary.generated", actor=records).count() == 1


def test_chinese_text_has_an_east_asian_font_in_every_style_used():
    document = docx.Document(io.BytesIO(build_default_template()))

    for name in ["Normal", "Title", "Heading 1", "Heading 2", "Table Text"]:
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in {"仿宋", "黑体", "宋体"}, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_the_committed_template_is_the_built_in_one():
    committed = docx.Document(str(DEFAULT_TEMPLATE))
    built = docx.Document(io.BytesIO(build_default_template()))

    assert [p.text for p in committed.paragraphs] == [p.text for p in built.paragraphs]


def test_a_unit_managers_summary_covers_only_their_subtree(client, records, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))

    response = client.get(reverse("reports:summary_download"), {"year": YEAR})

    text = _text(docx.Document(io.BytesIO(response.content)))
    assert "评选出“辅警之星”1人" in text and "嘉奖" not in text.split("\n")[1] and "王典型" not in text


def test_a_unit_outside_the_scope_is_a_form_error_not_a_document(client, records, role_user, tree):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))

    response = client.get(reverse("reports:summary_download"), {"year": YEAR, "unit": tree["station_a"].pk})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors["unit"]


def _upload(client, content: bytes, name="总结模板.docx"):
    return client.post(reverse("reports:summary_template"), {"file": SimpleUploadedFile(name, content)})


def test_an_edited_template_is_put_in_force_and_used(client, records):
    edited = docx.Document(io.BytesIO(build_default_template()))
    edited.add_paragraph("本总结由政治处编制。{{ year }}")
    buffer = io.BytesIO()
    edited.save(buffer)
    client.force_login(records)

    response = _upload(client, buffer.getvalue())
    summary = client.get(reverse("reports:summary_download"), {"year": YEAR})

    assert response.status_code == 302
    assert SummaryTemplate.objects.get(in_force=True).name == "总结模板.docx"
    assert f"本总结由政治处编制。{YEAR}" in _text(docx.Document(io.BytesIO(summary.content)))
    assert AuditEntry.objects.filter(action="reports.summary_template.uploaded").count() == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"not a zip", "坏文件.docx"), (b"PK\x03\x04broken", "坏文件.docx"), (b"hello", "notes.txt")],
)
def test_a_broken_template_is_refused_and_the_old_one_stays(client, records, content, name):
    client.force_login(records)

    response = _upload(client, content, name)

    assert response.status_code == 200 and response.context["form"].errors
    assert not SummaryTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reports.summary_template").exists()


def test_a_template_with_a_jinja_error_is_refused(client, records):
    edited = docx.Document(io.BytesIO(build_default_template()))
    edited.add_paragraph("{% if year %}未闭合")
    buffer = io.BytesIO()
    edited.save(buffer)
    client.force_login(records)

    response = _upload(client, buffer.getvalue())

    assert response.status_code == 200
    assert "该模板无法使用" in str(response.context["form"].errors)
    assert not SummaryTemplate.objects.exists()


def test_restoring_the_built_in_template(client, records):
    client.force_login(records)
    _upload(client, build_default_template())

    client.post(reverse("reports:summary_template"), {"restore": "1"})
    again = client.post(reverse("reports:summary_template"), {"restore": "1"})

    assert not SummaryTemplate.objects.filter(in_force=True).exists()
    assert AuditEntry.objects.filter(action="reports.summary_template.restored_default").count() == 1
    assert again.status_code == 302


@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_MANAGER, Role.MEMBER, Role.JUDGE])
def test_only_political_officers_edit_the_template(client, tree, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("reports:summary_template")).status_code == 403
    assert _upload(client, build_default_template()).status_code == 403
    assert client.get(reverse("reports:summary_template_download")).status_code == 403


def test_the_template_in_force_can_be_downloaded_for_editing(client, records):
    client.force_login(records)

    response = client.get(reverse("reports:summary_template_download"))

    assert response.status_code == 200
    assert "{{ figures_sentence }}" in _text(docx.Document(io.BytesIO(response.content)))


def test_a_template_reaching_for_python_internals_is_refused(client, records):
    edited = docx.Document(io.BytesIO(build_default_template()))
    edited.add_paragraph("{{ title.__class__.__mro__[1].__subclasses__() }}")
    buffer = io.BytesIO()
    edited.save(buffer)
    client.force_login(records)

    response = _upload(client, buffer.getvalue())

    assert response.status_code == 200 and "该模板无法使用" in str(response.context["form"].errors)
    assert not SummaryTemplate.objects.exists()


def test_a_year_without_records_still_gives_the_four_parts(client, tree, role_user):
    client.force_login(role_user(Role.LEADER))

    response = client.get(reverse("reports:summary_download"), {"year": 1990})

    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [heading[: len(part)] for heading, part in zip(headings, PARTS, strict=False)] == PARTS
    assert "尚无奖励和评选记录" in _text(document) and len(document.inline_shapes) == 0  # no empty charts


def test_the_same_summary_is_drawn_once_until_a_record_changes(client, records, tree, monkeypatch):
    """Charts in a CJK font take seconds: a second download of the same year reuses the document; a new honour (any
    write the reports read) makes a new one; each download is still audited."""
    drawn = []
    real = document.chart_images
    monkeypatch.setattr(document, "chart_images", lambda specs: drawn.append(1) or real(specs))
    client.force_login(records)

    def download() -> str:
        response = client.get(reverse("reports:summary_download"), {"year": YEAR})
        return _text(docx.Document(io.BytesIO(response.content)))

    first, second = download(), download()
    honour(person(tree["station_b"], name="李新人"), source=issuer(tree["bureau"].name, "测试市局"))
    third = download()

    assert len(drawn) == 2
    assert "获测试市局本级嘉奖1人" in first and first == second
    assert "获测试市局本级嘉奖2人" in third
    assert AuditEntry.objects.filter(action="reports.summary.generated", actor=records).count() == 3
