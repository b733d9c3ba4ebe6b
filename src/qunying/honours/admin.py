"""Honours admin: the catalogue, read-only (it changes in the app, through its services). Honours are personal
records and stay out of the admin site, which the system administrator uses."""

from django.contrib import admin

from qunying.core.admin import ReadOnlyAdmin
from qunying.honours.models import AuthorityRule, AwardType, Issuer


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "ladder", "grade", "applies_to", "active"]
    list_filter = ["ladder", "active"]


@admin.register(Issuer)
class IssuerAdmin(ReadOnlyAdmin):
    list_display = ["name", "level", "kind", "active"]
    list_filter = ["level", "kind"]


@admin.register(AuthorityRule)
class AuthorityRuleAdmin(ReadOnlyAdmin):
    list_display = ["ladder", "issuer_level", "issuer_kind", "max_grade"]
