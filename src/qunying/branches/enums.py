"""Party branch enums: the areas of a star-rating scheme, criterion kinds, and the states of rounds and ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CriterionArea(models.TextChoices):
    ORGANISATION = "organisation", pgettext_lazy("star rating area", "Organisation")
    POLITICAL_STUDY = "political_study", pgettext_lazy("star rating area", "Political study")
    EXEMPLAR_WORK = "exemplar_work", pgettext_lazy("star rating area", "Exemplar work")
    SERVICE_TO_PUBLIC = "service_to_public", pgettext_lazy("star rating area", "Service to the public")
    DISCIPLINE = "discipline", pgettext_lazy("star rating area", "Discipline")


class CriterionKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from records")
    ENTERED = "entered", _("Entered with evidence")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("rating round", "Being prepared")
    OPEN = "open", pgettext_lazy("rating round", "Open")
    CLOSED = "closed", pgettext_lazy("rating round", "Closed")


class RatingStatus(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    SUBMITTED = "submitted", _("Submitted for review")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


MAX_STARS = 5
