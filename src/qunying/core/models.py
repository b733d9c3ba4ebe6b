"""Core models: the base every model extends, the append-only audit log, working-calendar overrides and the sheet
imports every app's history import goes through (core.imports)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.core.enums import ImportStatus
from qunying.core.fields import BlindIndexField
from qunying.core.storage import private_storage


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = set(update_fields) | {"updated_at"}
            # A blind index must follow its source, or lookups would find the old value.
            for field in self._meta.concrete_fields:
                if isinstance(field, BlindIndexField) and field.source in update_fields:
                    update_fields.add(field.name)
        super().save(*args, update_fields=update_fields, **kwargs)


class DecisionRecord(models.Model):
    """Who decided a proposal, when, and why: the fields every approval step records."""

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decision_note = models.TextField(_("Decision note"), blank=True)

    class Meta:
        abstract = True

    def record_decision(self, *, by, note: str = "") -> list[str]:
        """Fill the decision fields; returns them for `save(update_fields=…)`."""
        self.decided_by = by if by is not None and by.is_authenticated else None
        self.decided_at = timezone.now()
        self.decision_note = note.strip()
        return ["decided_by", "decided_at", "decision_note"]


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One action by one actor. Written only by `core.services.log_action`; never changed or deleted.

    Retention: entries are kept for good (等保 asks for at least 180 days); the database refuses UPDATE, DELETE and
    TRUNCATE, and each entry is chained to the one before it by an HMAC (see `qunying.core.audit`)."""

    # Set by log_action before the insert, because the hash covers it.
    created_at = models.DateTimeField(_("Time"), default=timezone.now, db_index=True, editable=False)
    sequence = models.BigIntegerField(_("Sequence"), unique=True, editable=False)
    prev_hash = models.CharField(_("Previous hash"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("Hash"), max_length=64, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("Actor"), max_length=150, blank=True)
    action = models.CharField(_("Action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("Object type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.CharField(_("Object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("Object"), max_length=200, blank=True)
    data = models.JSONField(_("Data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Audit entry")
        verbose_name_plural = _("Audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class CalendarOverride(BaseModel):
    """A day whose status differs from the packaged State Council calendar, or a year that package does not know."""

    date = models.DateField(_("Date"), unique=True)
    is_working_day = models.BooleanField(_("Working day"))
    note = models.CharField(
        _("Note"), max_length=100, blank=True, help_text=_("For example: Spring Festival make-up working day")
    )

    class Meta:
        verbose_name = _("Calendar override")
        verbose_name_plural = _("Calendar overrides")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.note}"


class PeriodicRun(BaseModel):
    """When the scheduler last enqueued a periodic task (see core.periodic): the row its conditional UPDATE claims."""

    name = models.CharField(_("Task"), max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField(_("Last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("Periodic task run")
        verbose_name_plural = _("Periodic task runs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """A task worker process that is alive: `qunying db_worker` moves `last_seen` every few seconds (core.workers)."""

    worker_id = models.CharField(_("Worker"), max_length=64, unique=True)
    hostname = models.CharField(_("Host"), max_length=255)
    pid = models.PositiveIntegerField(_("Process ID"))
    started_at = models.DateTimeField(_("Started at"))
    last_seen = models.DateTimeField(_("Last seen"), db_index=True)

    class Meta:
        verbose_name = _("Worker heartbeat")
        verbose_name_plural = _("Worker heartbeats")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


def sheet_import_path(sheet_import, filename: str) -> str:
    # The stored name never carries the uploader's file name (which may hold personal data); it is kept separately.
    return f"imports/{uuid.uuid4().hex}.xlsx"


# Which status may follow which: an import is checked once, then imported once or abandoned.
IMPORT_TRANSITIONS = {
    ImportStatus.PREVIEWING: {ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED},
    ImportStatus.READY: {ImportStatus.COMMITTING, ImportStatus.CANCELLED},
    ImportStatus.COMMITTING: {
        ImportStatus.COMMITTED,
        ImportStatus.INVALID,
        ImportStatus.FAILED,
        ImportStatus.READY,  # the commit was interrupted: nothing written, it may be confirmed again
    },
    ImportStatus.INVALID: set(),
    ImportStatus.COMMITTED: set(),
    ImportStatus.FAILED: set(),
    ImportStatus.CANCELLED: set(),
}


class SheetImport(BaseModel):
    """An uploaded workbook of one kind (honours, past selections …) between preview and commit, with its progress,
    its problems by row and column, and what it brought in. The file is stored 0600 and deleted as soon as the import
    ends in any way."""

    kind = models.CharField(_("Kind"), max_length=30, db_index=True)  # the importer's name (core.imports.registry)
    file = models.FileField(_("File"), upload_to=sheet_import_path, storage=private_storage, blank=True)
    original_filename = models.CharField(_("File name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("Status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWING)
    language = models.CharField(max_length=20, blank=True, editable=False)  # messages follow the uploader's language
    options = models.JSONField(_("Options"), default=dict, blank=True)  # e.g. the file's override reason
    total_rows = models.PositiveIntegerField(_("Rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("Rows processed"), default=0)
    errors = models.JSONField(_("Problems"), default=list, blank=True)
    summary = models.JSONField(_("Summary"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Sheet import")
        verbose_name_plural = _("Sheet imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.original_filename

    # The page picks its section by these (templates compare no status strings).
    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.PREVIEWING, ImportStatus.COMMITTING}

    @property
    def is_previewing(self) -> bool:
        return self.status == ImportStatus.PREVIEWING

    @property
    def is_ready(self) -> bool:
        return self.status == ImportStatus.READY

    @property
    def is_committed(self) -> bool:
        return self.status == ImportStatus.COMMITTED

    @property
    def is_invalid(self) -> bool:
        return self.status == ImportStatus.INVALID

    @property
    def is_cancelled(self) -> bool:
        return self.status == ImportStatus.CANCELLED

    @property
    def has_failed(self) -> bool:
        return self.status in {ImportStatus.INVALID, ImportStatus.FAILED}

    @property
    def percent(self) -> int:
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0

    @property
    def error_count(self) -> int:
        return self.summary.get("error_count") or len(self.errors)
