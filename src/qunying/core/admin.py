"""Core admin: the audit log is read-only; calendar overrides are edited through their service."""

from django.contrib import admin

from qunying.core import services
from qunying.core.models import AuditEntry, CalendarOverride


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through services (or never): the admin shows them and nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_name", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_name", "action", "object_repr"]
    date_hierarchy = "created_at"


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    actions = None

    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:
            services.remove_calendar_override(CalendarOverride.objects.get(pk=obj.pk), by=request.user)
        saved = services.set_calendar_override(
            date=obj.date, is_working_day=obj.is_working_day, note=obj.note, by=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.remove_calendar_override(obj, by=request.user)
