"""Roster uploads are judged by the package's content types: macros under any name are refused (issue 15, finding 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.org.models import RosterImport
from tests.core.crafted_xlsx import CRAFTED_KINDS, crafted_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = [["姓名", "警号", "类别", "性别", "单位"], ["张伟", "010001", "民警", "男", "甲派出所"]]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("kind", CRAFTED_KINDS)
def test_upload_refuses_a_workbook_whose_content_types_declare_code(client, role_user, kind):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    crafted = SimpleUploadedFile("花名册.xlsx", crafted_xlsx(ROWS, kind), content_type=XLSX)

    response = client.post(reverse("org:roster_upload"), {"file": crafted})

    assert response.status_code == 200
    assert "不接受含宏的工作簿" in response.content.decode()
    assert not RosterImport.objects.exists()
