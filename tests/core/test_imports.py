"""The sheet import pipeline's own states (core.imports): an interrupted commit is ready again with nothing written,
an interrupted check fails with a message, a stale upload loses its file, a second confirmation is refused."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import discard_stale_uploads, recover_import, request_import_commit
from qunying.core.models import AuditEntry, SheetImport


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def an_import(user, status: str) -> SheetImport:
    sheet_import = SheetImport(kind="honours", original_filename="奖励.xlsx", created_by=user, status=status)
    sheet_import.file.save("x.xlsx", ContentFile(b"PK"), save=False)
    sheet_import.save()
    return sheet_import


def test_an_interrupted_commit_is_ready_again_and_an_interrupted_check_fails(role_user):
    user = role_user(Role.POLITICAL_OFFICER)
    committing, previewing = an_import(user, ImportStatus.COMMITTING), an_import(user, ImportStatus.PREVIEWING)

    recover_import(committing)
    recover_import(previewing)

    committing.refresh_from_db()
    previewing.refresh_from_db()
    assert committing.status == ImportStatus.READY and committing.summary["interrupted"] and committing.file
    assert previewing.status == ImportStatus.FAILED and not previewing.file
    assert "未写入" in previewing.errors[0]["message"] or "Nothing has been written" in previewing.errors[0]["message"]
    assert AuditEntry.objects.filter(action="honours.import.interrupted").count() == 2


def test_a_stale_upload_loses_its_file(role_user):
    sheet_import = an_import(role_user(Role.POLITICAL_OFFICER), ImportStatus.READY)
    SheetImport.objects.filter(pk=sheet_import.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))

    assert discard_stale_uploads() == 1

    sheet_import.refresh_from_db()
    assert not sheet_import.file


def test_only_the_uploader_confirms_and_only_once(role_user, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    user = role_user(Role.POLITICAL_OFFICER)
    sheet_import = an_import(user, ImportStatus.READY)
    with pytest.raises(PermissionDenied):
        request_import_commit(sheet_import, by=role_user(Role.POLITICAL_OFFICER))
    with django_capture_on_commit_callbacks(execute=False):
        request_import_commit(sheet_import, by=user)
    sheet_import.refresh_from_db()

    with pytest.raises(PermissionDenied):  # no longer waiting: the policy's state condition refuses it
        request_import_commit(sheet_import, by=user)
    assert sheet_import.status == ImportStatus.COMMITTING
