"""Organisation models."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.fields import BlindIndexField, EncryptedTextField, normalise_digits, normalise_upper
from qunying.core.files import stored_name
from qunying.core.images import STORED_IMAGE_EXTENSIONS
from qunying.core.models import BaseModel
from qunying.core.storage import private_storage
from qunying.core.text import pinyin_full, pinyin_initials
from qunying.org.enums import (
    AuxiliaryKind,
    Gender,
    PersonCategory,
    PersonStatus,
    PoliceRank,
    PostType,
    RosterImportStatus,
    UnitKind,
)
from qunying.org.idcard import mask_id_number, mask_phone


class Unit(BaseModel):
    """A node of the bureau's tree. `path` lists the ids from the root ("/1/4/9/"): a subtree is one prefix filter."""

    name = models.CharField(_("Name"), max_length=100)
    kind = models.CharField(_("Type"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("Path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("Level"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)

    class Meta:
        verbose_name = _("Unit")
        verbose_name_plural = _("Units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                name="org_unit_unique_name_per_parent",
                violation_error_message=_("The parent unit already has a unit with this name."),
            )
        ]

    def __str__(self):
        return self.name

    def is_within(self, ancestor: "Unit") -> bool:
        """True for the ancestor itself and every unit below it."""
        return self.path.startswith(ancestor.path)


class AuxiliaryTier(BaseModel):
    """层级 of auxiliary police: each jurisdiction defines its own ladder (there is no national scheme)."""

    name = models.CharField(_("Name"), max_length=50, unique=True)
    level = models.PositiveSmallIntegerField(_("Level"), help_text=_("1 is the entry tier; higher is more senior."))
    description = models.CharField(_("Description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Auxiliary tier")
        verbose_name_plural = _("Auxiliary tiers")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


def person_photo_path(person, filename: str) -> str:
    # The service hands over `image.<real format>`; any other name is stored as opaque bytes, never as its own type.
    return stored_name("people/photos", filename, STORED_IMAGE_EXTENSIONS)


class Person(BaseModel):
    """A police officer (民警) or auxiliary (辅警). ID number and phone are encrypted; blind indexes find them."""

    category = models.CharField(_("Category"), max_length=20, choices=PersonCategory.choices)
    auxiliary_kind = models.CharField(_("Auxiliary kind"), max_length=20, choices=AuxiliaryKind.choices, blank=True)
    badge_number = models.CharField(_("Badge number"), max_length=20, unique=True)
    name = models.CharField(pgettext_lazy("person", "Name"), max_length=50)
    name_initials = models.CharField(max_length=50, editable=False, db_index=True)
    name_pinyin = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("Gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("Birth date"), null=True, blank=True)
    id_number = EncryptedTextField(_("ID number"), blank=True)
    id_number_index = BlindIndexField(source="id_number", normalise=normalise_upper)
    phone = EncryptedTextField(_("Phone"), blank=True)
    phone_index = BlindIndexField(source="phone", normalise=normalise_digits)
    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="people")
    post_type = models.CharField(_("Post type"), max_length=30, choices=PostType.choices)
    police_rank = models.CharField(_("Police rank"), max_length=40, choices=PoliceRank.choices, blank=True)
    aux_tier = models.ForeignKey(
        AuxiliaryTier, verbose_name=_("Auxiliary tier"), on_delete=models.PROTECT, null=True, blank=True
    )
    joined_work_on = models.DateField(_("Joined work"), null=True, blank=True)
    joined_police_on = models.DateField(_("Joined the police"), null=True, blank=True)
    party_member = models.BooleanField(_("CPC member"), default=False)
    status = models.CharField(_("Status"), max_length=20, choices=PersonStatus.choices, default=PersonStatus.ACTIVE)
    classified = models.BooleanField(
        _("Classified post"), default=False, help_text=_("Never shown on public pages (涉密岗位).")
    )
    photo = models.ImageField(_("Photo"), upload_to=person_photo_path, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("People")
        ordering = ["name_pinyin", "badge_number"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["post_type", "category"]),
            # The list's default order, read from the index a page at a time (EXPLAIN in benchmarks/notes/plans.md).
            models.Index(fields=["name_pinyin", "badge_number"]),
            # The unit tree's head counts per unit and category, read from the index alone.
            models.Index(fields=["unit", "status", "category"]),
        ]

    def __str__(self):
        return f"{self.name}（{self.badge_number}）"

    def save(self, *args, update_fields=None, **kwargs):
        # Search keys follow the name, whichever door the save came through.
        self.name_initials, self.name_pinyin = pinyin_initials(self.name), pinyin_full(self.name)
        if update_fields is not None and "name" in update_fields:
            update_fields = {*update_fields, "name_initials", "name_pinyin"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    @property
    def is_serving(self) -> bool:
        return self.status == PersonStatus.ACTIVE

    @property
    def rank_display(self) -> str:
        if self.category == PersonCategory.POLICE:
            return self.get_police_rank_display()
        return str(self.aux_tier or "")


def roster_import_path(roster_import, filename: str) -> str:
    # The stored name never carries the uploader's file name (which may hold personal data); it is kept separately.
    return f"imports/{uuid.uuid4().hex}.xlsx"


# Which status may follow which: an import is checked once, then imported once or abandoned.
ROSTER_IMPORT_TRANSITIONS = {
    RosterImportStatus.PREVIEWING: {RosterImportStatus.READY, RosterImportStatus.INVALID, RosterImportStatus.FAILED},
    RosterImportStatus.READY: {RosterImportStatus.COMMITTING, RosterImportStatus.CANCELLED},
    RosterImportStatus.COMMITTING: {
        RosterImportStatus.COMMITTED,
        RosterImportStatus.INVALID,
        RosterImportStatus.FAILED,
        RosterImportStatus.READY,  # the commit was interrupted (worker killed, time limit): nothing written, retry
    },
    RosterImportStatus.INVALID: set(),
    RosterImportStatus.COMMITTED: set(),
    RosterImportStatus.FAILED: set(),
    RosterImportStatus.CANCELLED: set(),
}


class RosterImport(BaseModel):
    """An uploaded roster between preview and commit, with the progress and the findings its page shows.

    The file holds plaintext ID numbers and phones, so it is stored 0600 and deleted as soon as the import ends in
    any way (imported, invalid, failed, cancelled, interrupted, or left unconfirmed for a day)."""

    file = models.FileField(_("File"), upload_to=roster_import_path, storage=private_storage, blank=True)
    original_filename = models.CharField(_("File name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=RosterImportStatus.choices, default=RosterImportStatus.PREVIEWING
    )
    language = models.CharField(max_length=20, blank=True, editable=False)  # messages follow the uploader's language
    total_rows = models.PositiveIntegerField(_("Rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("Rows processed"), default=0)
    errors = models.JSONField(_("Problems"), default=list, blank=True)
    summary = models.JSONField(_("Summary"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Roster import")
        verbose_name_plural = _("Roster imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.original_filename

    # The page picks its section by these (templates compare no status strings).
    @property
    def is_running(self) -> bool:
        return self.status in {RosterImportStatus.PREVIEWING, RosterImportStatus.COMMITTING}

    @property
    def is_previewing(self) -> bool:
        return self.status == RosterImportStatus.PREVIEWING

    @property
    def is_ready(self) -> bool:
        return self.status == RosterImportStatus.READY

    @property
    def is_committed(self) -> bool:
        return self.status == RosterImportStatus.COMMITTED

    @property
    def is_invalid(self) -> bool:
        return self.status == RosterImportStatus.INVALID

    @property
    def is_cancelled(self) -> bool:
        return self.status == RosterImportStatus.CANCELLED

    @property
    def has_failed(self) -> bool:
        return self.status in {RosterImportStatus.INVALID, RosterImportStatus.FAILED}

    @property
    def percent(self) -> int:
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0

    @property
    def error_count(self) -> int:
        # Only the first errors are stored; the summary keeps how many there were.
        return self.summary.get("error_count") or len(self.errors)
