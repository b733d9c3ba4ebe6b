"""App configuration for reserve."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "qunying.reserve"
    label = "reserve"
    verbose_name = _("Exemplar reserve")
