"""App configuration for feedback."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "qunying.feedback"
    label = "feedback"
    verbose_name = _("Citizen ratings")

    def ready(self):
        # Monthly rating summaries on each officer's timeline, the periodic tasks with the scheduler, the coverage
        # criterion with the branches' star ratings.
        from qunying.feedback import criteria, tasks, timeline, todo  # noqa: F401 -- registered when the apps are ready
