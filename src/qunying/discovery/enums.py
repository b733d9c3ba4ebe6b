"""Discovery enums: suggestion and run statuses."""

from django.db import models
from django.utils.translation import pgettext_lazy


class SuggestionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("suggestion", "Open")
    ACCEPTED = "accepted", pgettext_lazy("suggestion", "Accepted")
    DISMISSED = "dismissed", pgettext_lazy("suggestion", "Dismissed")


class RunStatus(models.TextChoices):
    RUNNING = "running", pgettext_lazy("discovery", "Running")
    FINISHED = "finished", pgettext_lazy("discovery", "Finished")
