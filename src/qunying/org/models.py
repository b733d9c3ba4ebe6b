"""Organisation models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel
from qunying.org.enums import UnitKind


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
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="org_unit_unique_name_per_parent")]

    def __str__(self):
        return self.name

    def is_within(self, ancestor: "Unit") -> bool:
        """True for the ancestor itself and every unit below it."""
        return self.path.startswith(ancestor.path)
