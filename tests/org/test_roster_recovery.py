"""A roster import whose task ends half-way is handed back; its upload (plaintext ID numbers) is stored 0600 and
deleted whenever the import ends: imported, cancelled, interrupted, left unconfirmed (issue 15, finding 5)."""

import datetime
import os
import stat

import pytest
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from qunying.accounts.enums import Role
from qunying.core import workers
from qunying.core.models import AuditEntry
from qunying.org import tasks
from qunying.org.enums import RosterImportStatus
from qunying.org.models import Person, RosterImport
from qunying.org.services import request_roster_commit, start_roster_import
from tests.org.test_roster import id_number, roster_row, upload

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ROWS = [roster_row(姓名="王军", 警号="500001", 身份证号=id_number("19900307", 125))]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    settings.QUNYING_WORKER_STALE_SECONDS = 60


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def ready_import(officer, django_capture_on_commit_callbacks) -> RosterImport:
    with django_capture_on_commit_callbacks(execute=True):
        roster_import = start_roster_import(upload=upload(ROWS), by=officer)
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.READY
    return roster_import


def killed_worker_left(task_id, *, minutes_ago: float = 2) -> None:
    """What SIGKILL leaves behind: the task RUNNING for a worker whose heartbeat stopped."""
    long_ago = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    workers.beat("killed", started_at=long_ago, now=long_ago)
    DBTaskResult.objects.filter(pk=task_id).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["killed"]
    )


def test_the_upload_is_stored_readable_by_the_service_account_only(tree, officer, django_capture_on_commit_callbacks):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)

    assert mode(roster_import.file.path) == 0o600
    assert mode(os.path.dirname(roster_import.file.path)) & 0o077 == 0


def test_a_commit_left_by_a_killed_worker_is_ready_again_and_the_retry_imports(
    tree, officer, settings, django_capture_on_commit_callbacks
):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    settings.TASKS = DATABASE
    with django_capture_on_commit_callbacks(execute=True):
        request_roster_commit(roster_import, by=officer)
    commit_task = DBTaskResult.objects.get(task_path=tasks.commit_roster_import.module_path)
    killed_worker_left(commit_task.pk)

    reaped = workers.reap_stuck_tasks()

    roster_import.refresh_from_db()
    assert reaped == [str(commit_task.pk)]
    assert roster_import.status == RosterImportStatus.READY and roster_import.summary["interrupted"]
    assert os.path.exists(roster_import.file.path)
    assert AuditEntry.objects.filter(action="org.roster_import.interrupted").exists()
    assert not Person.objects.filter(badge_number="500001").exists()

    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        request_roster_commit(roster_import, by=officer)
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.COMMITTED
    assert Person.objects.filter(badge_number="500001").exists()
    assert not roster_import.file


def test_the_page_of_an_interrupted_commit_says_so(client, tree, officer, settings, django_capture_on_commit_callbacks):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    settings.TASKS = DATABASE
    with django_capture_on_commit_callbacks(execute=True):
        request_roster_commit(roster_import, by=officer)
    killed_worker_left(DBTaskResult.objects.get().pk)
    workers.reap_stuck_tasks()
    client.force_login(officer)

    page = client.get(reverse("org:roster_import_detail", args=[roster_import.pk])).content.decode()

    assert "上次导入已中断" in page and "确认导入" in page


def test_a_check_past_its_limit_fails_with_a_chinese_message_and_its_file_goes(
    client, tree, officer, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE
    with django_capture_on_commit_callbacks(execute=True):
        roster_import = start_roster_import(upload=upload(ROWS), by=officer)
    path = roster_import.file.path
    workers.beat("slow", started_at=timezone.now(), now=timezone.now())
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=31),
        worker_ids=["slow"],
    )

    workers.reap_stuck_tasks()

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.FAILED
    assert "导入已中断" in roster_import.errors[0]["message"]
    assert not roster_import.file and not os.path.exists(path)
    client.force_login(officer)
    assert "导入已中断" in client.get(reverse("org:roster_import_detail", args=[roster_import.pk])).content.decode()


def test_a_task_failing_after_the_service_settled_the_import_changes_nothing(
    tree, officer, django_capture_on_commit_callbacks
):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        request_roster_commit(roster_import, by=officer)

    tasks.recover_import(roster_import.pk)

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.COMMITTED
    assert not AuditEntry.objects.filter(action="org.roster_import.interrupted").exists()


def test_the_uploader_cancels_a_ready_import_and_its_file_is_deleted(
    client, tree, officer, django_capture_on_commit_callbacks
):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    path = roster_import.file.path
    client.force_login(officer)

    client.post(reverse("org:roster_import_cancel", args=[roster_import.pk]))
    again = client.post(reverse("org:roster_import_commit", args=[roster_import.pk]), follow=True)

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.CANCELLED
    assert not roster_import.file and not os.path.exists(path)
    assert AuditEntry.objects.filter(action="org.roster_import.cancelled", object_id=str(roster_import.pk)).exists()
    assert "已取消" in again.content.decode()
    assert not Person.objects.filter(badge_number="500001").exists()


def test_another_user_cannot_cancel_an_import(client, tree, officer, role_user, django_capture_on_commit_callbacks):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(reverse("org:roster_import_cancel", args=[roster_import.pk]))

    roster_import.refresh_from_db()
    assert response.status_code == 404
    assert roster_import.status == RosterImportStatus.READY and roster_import.file


def test_uploads_left_unconfirmed_are_deleted_by_the_hourly_task(tree, officer, django_capture_on_commit_callbacks):
    roster_import = ready_import(officer, django_capture_on_commit_callbacks)
    path = roster_import.file.path
    RosterImport.objects.filter(pk=roster_import.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))

    tasks.discard_stale_roster_uploads.call()

    roster_import.refresh_from_db()
    assert not roster_import.file and not os.path.exists(path)
