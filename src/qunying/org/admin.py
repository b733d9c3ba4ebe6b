"""Organisation admin: read-only; units are managed in the app."""

from django.contrib import admin

from qunying.core.admin import ReadOnlyAdmin
from qunying.org.models import Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "parent", "path"]
    list_filter = ["kind"]
