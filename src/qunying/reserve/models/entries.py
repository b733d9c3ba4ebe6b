"""Exemplar reserve models: a person's entry in the reserve, the history of its tier changes, cultivation plans."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel, DecisionRecord
from qunying.org.enums import PostType
from qunying.org.models import Person
from qunying.reserve.enums import CultivationLevel, EntryStatus, ReserveCategory, Tier, TierChangeStatus

ENTRY_TRANSITIONS = {
    EntryStatus.PROPOSED: {EntryStatus.ACTIVE, EntryStatus.DECLINED},
    EntryStatus.ACTIVE: {EntryStatus.RETIRED},
    EntryStatus.DECLINED: set(),
    EntryStatus.RETIRED: set(),
}

TIER_CHANGE_TRANSITIONS = {
    TierChangeStatus.PROPOSED: {TierChangeStatus.APPROVED, TierChangeStatus.REJECTED},
    TierChangeStatus.APPROVED: set(),
    TierChangeStatus.REJECTED: set(),
}


class ReserveEntry(BaseModel):
    """One person in the exemplar reserve (先进典型人物储备库).

    Fields: `person`; `tier` — the approved tier 储备/重点/典型 (blank while the first proposal awaits approval);
    `level` — the cultivation level (unit … national); `category` — 实战/基层/爱民; `post_type` — the person's post
    type when entered (the peer group); `since` — the date the current tier was approved; `status` — proposed →
    active → retired (or declined); `source_suggestion_id` is set when the entry came from a discovery suggestion.
    Tier changes only happen through `reserve.services.propose_tier` / `decide_tier_change`, kept as `TierChange` rows.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="reserve_entries"
    )
    tier = models.CharField(_("Tier"), max_length=10, choices=Tier.choices, blank=True)
    level = models.CharField(
        _("Cultivation level"), max_length=10, choices=CultivationLevel.choices, default=CultivationLevel.UNIT
    )
    category = models.CharField(_("Category"), max_length=12, choices=ReserveCategory.choices)
    post_type = models.CharField(_("Post type"), max_length=30, choices=PostType.choices, blank=True)
    since = models.DateField(_("Since"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PROPOSED)
    note = models.CharField(_("Note"), max_length=500, blank=True)
    retired_on = models.DateField(_("Retired on"), null=True, blank=True)
    retired_reason = models.CharField(_("Reason for retiring"), max_length=500, blank=True)
    source_suggestion_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Reserve entry")
        verbose_name_plural = _("Reserve entries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["proposed", "active"]),
                name="reserve_one_open_entry_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person.name} · {self.get_tier_display() or self.get_status_display()}"

    @property
    def unit(self):
        """The entry follows its person: scope is the person's current unit."""
        return self.person.unit


class TierChange(DecisionRecord, BaseModel):
    """One proposal to set an entry's tier and its decision: `from_tier` → `to_tier`, proposed by (with reason),
    decided by (with note) — the entry's history. The approving role depends on `to_tier` (see reserve.rules)."""

    entry = models.ForeignKey(
        ReserveEntry, verbose_name=_("Reserve entry"), on_delete=models.CASCADE, related_name="tier_changes"
    )
    from_tier = models.CharField(_("From tier"), max_length=10, choices=Tier.choices, blank=True)
    to_tier = models.CharField(_("To tier"), max_length=10, choices=Tier.choices)
    status = models.CharField(
        _("Status"), max_length=10, choices=TierChangeStatus.choices, default=TierChangeStatus.PROPOSED
    )
    reason = models.CharField(_("Reason"), max_length=500)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.CharField(_("Decision note"), max_length=500, blank=True)  # short, unlike the base's

    class Meta:
        verbose_name = _("Tier change")
        verbose_name_plural = _("Tier changes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(status="proposed"), name="reserve_one_pending_change_per_entry"
            )
        ]

    def __str__(self):
        return f"{self.entry.person.name}: {self.get_from_tier_display() or '—'} → {self.get_to_tier_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == TierChangeStatus.PROPOSED


class CultivationPlan(BaseModel):
    """A cultivation plan for an entry, set "level by level": a unit-level plan is owned by the person's unit (or a unit
    above it) and made by its manager or the political department; a county-level or higher plan is owned by a
    headquarters department or the bureau (the political department) and made by a political officer. `mentor` is the
    结对 partner; `goals` the plan's aims; milestones carry due dates and completion evidence."""

    entry = models.ForeignKey(
        ReserveEntry, verbose_name=_("Reserve entry"), on_delete=models.CASCADE, related_name="plans"
    )
    level = models.CharField(_("Cultivation level"), max_length=10, choices=CultivationLevel.choices)
    owner_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("Owner unit"), on_delete=models.PROTECT, related_name="cultivation_plans"
    )
    mentor = models.ForeignKey(
        Person, verbose_name=_("Mentor"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goals = models.TextField(_("Goals"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Cultivation plan")
        verbose_name_plural = _("Cultivation plans")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.entry.person.name} · {self.get_level_display()}"


class Milestone(BaseModel):
    """A step of a plan with its due date; done when its completion date and evidence are recorded."""

    plan = models.ForeignKey(
        CultivationPlan, verbose_name=_("Cultivation plan"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("Milestone"), max_length=200)
    due_on = models.DateField(_("Due date"))
    done_on = models.DateField(_("Completed on"), null=True, blank=True)
    evidence = models.CharField(_("Completion evidence"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Milestone")
        verbose_name_plural = _("Milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today
