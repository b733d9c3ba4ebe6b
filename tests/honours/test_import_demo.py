"""The demo's 2022 figures rebuilt from its honours exported in the import format and imported again into the bureau
with no honours left: 「获合肥市局嘉奖4人，获巢湖市委组织部、疫情防控办公室嘉奖8人，获巢湖市局本级嘉奖8人；
评选出'辅警之星'8人、'辅警标兵'16人」."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from qunying.accounts.models import User
from qunying.campaigns.models import Nomination
from qunying.care.models import AwardDelivery, Entitlement
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import request_import_commit, start_import
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.models import Unit
from qunying.reports.queries import yearly_figures
from tests.reports.test_figures import PUBLISHED_2022


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_the_2022_figures_are_rebuilt_from_an_exported_and_re_imported_honours_file(
    client, demo, django_capture_on_commit_callbacks
):
    officer = User.objects.get(username="zhengzhichu")
    client.force_login(officer)
    exported = b"".join(client.get(reverse("honours:honour_import_export")).streaming_content)
    kept = sorted(
        Honour.objects.filter(status=HonourStatus.ACTIVE).values_list(
            "person", "unit", "award_type", "issuer", "awarded_on", "document_number"
        ),
        key=str,
    )
    # The bureau without any honour: what rested on them goes first.
    Nomination.objects.update(honour=None)
    AwardDelivery.objects.all().delete()
    Entitlement.objects.filter(basis_honour__isnull=False).delete()
    Honour.objects.all().delete()
    with translation.override("zh-hans"):
        assert PUBLISHED_2022 not in yearly_figures(Unit.objects.all(), 2022).sentence

    with django_capture_on_commit_callbacks(execute=True):
        sheet_import = start_import(
            kind="honours",
            upload=SimpleUploadedFile("奖励登记表.xlsx", exported),
            by=officer,
            override_reason="从导出的奖励登记表整体恢复",
        )
    sheet_import.refresh_from_db()
    assert sheet_import.status == ImportStatus.READY, sheet_import.errors[:5]
    with django_capture_on_commit_callbacks(execute=True):
        request_import_commit(sheet_import, by=officer)
    sheet_import.refresh_from_db()

    assert sheet_import.status == ImportStatus.COMMITTED
    again = sorted(
        Honour.objects.values_list("person", "unit", "award_type", "issuer", "awarded_on", "document_number"), key=str
    )
    assert again == kept
    with translation.override("zh-hans"):
        assert PUBLISHED_2022 in yearly_figures(Unit.objects.all(), 2022).sentence
