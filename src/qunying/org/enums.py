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


class PersonCategory(models.TextChoices):
    POLICE = "police", _("Police officer")
    AUXILIARY = "auxiliary", _("Auxiliary police")


class AuxiliaryKind(models.TextChoices):
    DUTY = "duty", _("Duty auxiliary")
    CIVILIAN = "civilian", _("Civilian auxiliary")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Serving")
    RETIRED = "retired", _("Retired")
    LEFT = "left", _("Left the force")
    DECEASED = "deceased", _("Deceased")


class PoliceRank(models.TextChoices):
    """警衔 of the People's Police (national scheme), highest first."""

    COMMISSIONER_GENERAL = "commissioner_general", _("Commissioner General")
    DEPUTY_COMMISSIONER_GENERAL = "deputy_commissioner_general", _("Deputy Commissioner General")
    COMMISSIONER_1 = "commissioner_1", _("Commissioner, first class")
    COMMISSIONER_2 = "commissioner_2", _("Commissioner, second class")
    COMMISSIONER_3 = "commissioner_3", _("Commissioner, third class")
    SUPERINTENDENT_1 = "superintendent_1", _("Superintendent, first class")
    SUPERINTENDENT_2 = "superintendent_2", _("Superintendent, second class")
    SUPERINTENDENT_3 = "superintendent_3", _("Superintendent, third class")
    INSPECTOR_1 = "inspector_1", _("Inspector, first class")
    INSPECTOR_2 = "inspector_2", _("Inspector, second class")
    INSPECTOR_3 = "inspector_3", _("Inspector, third class")
    CONSTABLE_1 = "constable_1", _("Constable, first class")
    CONSTABLE_2 = "constable_2", _("Constable, second class")


class PostType(models.TextChoices):
    """警种/岗位: the peer group for comparisons (satisfaction, discovery signals)."""

    COMMUNITY = "community", _("Community policing")
    PATROL = "patrol", _("Patrol")
    TRAFFIC = "traffic", _("Traffic")
    PUBLIC_ORDER = "public_order", _("Public order")
    CRIMINAL_INVESTIGATION = "criminal_investigation", _("Criminal investigation")
    SPECIAL_POLICE = "special_police", _("Special police")
    COMMAND = "command", _("Command and dispatch")
    HOUSEHOLD = "household", _("Household registration and service window")
    ECONOMIC = "economic", _("Economic crime investigation")
    NARCOTICS = "narcotics", _("Narcotics control")
    CYBER = "cyber", _("Cyber security")
    LEGAL = "legal", _("Legal affairs")
    POLITICAL = "political", _("Political work")
    LOGISTICS = "logistics", _("Logistics")
    OTHER = "other", _("Other")


class RosterImportStatus(models.TextChoices):
    PREVIEWING = "previewing", _("Checking")
    READY = "ready", _("Ready to import")
    INVALID = "invalid", _("Has errors")
    COMMITTING = "committing", _("Importing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
