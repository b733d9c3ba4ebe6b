"""Organisation enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("Public security bureau")
    DEPARTMENT = "department", _("Headquarters department")
    BRIGADE = "brigade", _("Brigade")
    POLICE_STATION = "police_station", _("Police station")
    SQUAD = "squad", _("Squad")
    OFFICE = "office", _("Community police office")
