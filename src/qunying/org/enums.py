"""Organisation enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("公安局")
    DEPARTMENT = "department", _("机关部门")
    BRIGADE = "brigade", _("大队")
    POLICE_STATION = "police_station", _("派出所")
    SQUAD = "squad", _("中队")
    OFFICE = "office", _("警务室")
