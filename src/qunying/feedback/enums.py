"""Citizen ratings enums: interaction kinds, survey decisions and states, ratings, reply and callback states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InteractionKind(models.TextChoices):
    """接处警/办事类别 from the dispatch system; the sensitive ones are excluded from surveys by default."""

    ALARM_110 = "alarm_110", _("110 call")
    STATION_VISIT = "station_visit", _("Station visit")
    HOUSEHOLD = "household", _("Household registration")
    TRAFFIC = "traffic", _("Traffic accident")
    DISPUTE = "dispute", _("Dispute mediation")
    CASE_REPORT = "case_report", _("Case report")
    EXIT_ENTRY = "exit_entry", _("Exit-entry service")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    SEXUAL_OFFENCE = "sexual_offence", _("Sexual offence")
    JUVENILE = "juvenile", _("Involving a juvenile")
    OTHER = "other", _("Other")


class InteractionSource(models.TextChoices):
    IMPORT = "import", _("File import")
    API = "api", _("Dispatch system (API)")
    DEMO = "demo", _("Demo data")


class SurveyDecision(models.TextChoices):
    """Why an interaction was or was not surveyed: every interaction gets exactly one decision."""

    SAMPLED = "sampled", _("Surveyed")
    EXCLUDED_KIND = "excluded_kind", _("Excluded kind")
    SENSITIVE = "sensitive", _("Marked sensitive")
    NO_PHONE = "no_phone", _("No mobile number")
    CITIZEN_INTERVAL = "citizen_interval", _("Citizen surveyed recently")
    OFFICER_CAP = "officer_cap", _("Officer cap reached")
    TOO_OLD = "too_old", _("Too long ago")


class SurveyStatus(models.TextChoices):
    SKIPPED = "skipped", _("Not surveyed")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    REPLIED = "replied", _("Replied")
    EXPIRED = "expired", _("Expired")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class ReplyStatus(models.TextChoices):
    PARSED = "parsed", _("Understood")
    UNPARSEABLE = "unparseable", _("Needs manual coding")
    CODED = "coded", _("Coded by hand")
    NO_RATING = "no_rating", _("No rating in it")


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
