"""Campaigns enums: periods, phases (with their transitions and role permissions), nomination and objection states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Phase(models.TextChoices):
    NOMINATING = "nominating", _("Nominating")
    JUDGING = "judging", _("Judging")
    VOTING = "voting", _("Public voting")
    DECIDING = "deciding", _("Deciding")
    NOTICE = "notice", _("Public notice")
    CLOSED = "closed", _("Closed")


# Which phase may follow which. Voting is skipped when the campaign type has no public vote.
PHASE_TRANSITIONS = {
    Phase.NOMINATING: {Phase.JUDGING},
    Phase.JUDGING: {Phase.VOTING, Phase.DECIDING},
    Phase.VOTING: {Phase.DECIDING},
    Phase.DECIDING: {Phase.NOTICE},
    Phase.NOTICE: {Phase.CLOSED},
    Phase.CLOSED: set(),
}

# What each phase opens: the rules predicates read these flags, never the phase name (as pretalx does).
PHASE_FLAGS = {
    Phase.NOMINATING: {"nominations_open"},
    Phase.JUDGING: {"judging_open"},
    Phase.VOTING: {"voting_open"},
    Phase.DECIDING: {"deciding_open", "results_visible"},
    Phase.NOTICE: {"objections_open", "results_visible", "public"},
    Phase.CLOSED: {"results_visible"},
}


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PROPOSED = "proposed", _("Proposed as winner")
    APPROVED = "approved", _("Approved as winner")
    REMOVED = "removed", _("Removed after objection")
    AWARDED = "awarded", _("Awarded")
    NOT_SELECTED = "not_selected", _("Not selected")


NOMINATION_TRANSITIONS = {
    NominationStatus.NOMINATED: {NominationStatus.WITHDRAWN, NominationStatus.PROPOSED, NominationStatus.NOT_SELECTED},
    NominationStatus.WITHDRAWN: set(),
    NominationStatus.PROPOSED: {NominationStatus.APPROVED, NominationStatus.NOMINATED},
    NominationStatus.APPROVED: {NominationStatus.REMOVED, NominationStatus.AWARDED},
    NominationStatus.REMOVED: set(),
    NominationStatus.AWARDED: set(),
    NominationStatus.NOT_SELECTED: set(),
}


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Under investigation")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


OBJECTION_TRANSITIONS = {
    ObjectionStatus.OPEN: {ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED},
    ObjectionStatus.UPHELD: set(),
    ObjectionStatus.DISMISSED: set(),
}
