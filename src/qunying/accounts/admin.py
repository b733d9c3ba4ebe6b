"""Accounts admin: read-only views for the installing superuser; accounts and roles are managed in the app."""

from django.contrib import admin

from qunying.accounts.models import RoleAssignment, User
from qunying.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "is_active", "last_login"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "unit", "granted_by", "created_at"]
    list_filter = ["role"]
