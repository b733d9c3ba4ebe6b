"""Organisation URLs."""

from django.urls import path

from qunying.org.views import people, roster, tiers, units

app_name = "org"

urlpatterns = [
    path("units/", units.UnitTreeView.as_view(), name="unit_tree"),
    path("units/export.xlsx", units.UnitExportView.as_view(), name="unit_export"),
    path("units/new/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/children/", units.UnitChildrenView.as_view(), name="unit_children"),
    path("units/<int:pk>/edit/", units.UnitUpdateView.as_view(), name="unit_update"),
    path("units/<int:pk>/move/", units.UnitMoveView.as_view(), name="unit_move"),
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/new/", people.PersonCreateView.as_view(), name="person_create"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person_update"),
    path("people/<int:pk>/photo/", people.PersonPhotoView.as_view(), name="person_photo"),
    path("me/", people.MyProfileView.as_view(), name="my_profile"),
    path("tiers/", tiers.AuxiliaryTierListView.as_view(), name="tier_list"),
    path("tiers/<int:pk>/", tiers.AuxiliaryTierUpdateView.as_view(), name="tier_update"),
    # Roster import and export (views/roster.py)
    path("people/export.xlsx", roster.RosterExportView.as_view(), name="roster_export"),
    path("people/import/template.xlsx", roster.RosterTemplateView.as_view(), name="roster_template"),
    path("people/import/", roster.RosterUploadView.as_view(), name="roster_upload"),
    path("people/import/<int:pk>/", roster.RosterImportDetailView.as_view(), name="roster_import_detail"),
    path("people/import/<int:pk>/commit/", roster.RosterImportCommitView.as_view(), name="roster_import_commit"),
    path("people/import/<int:pk>/cancel/", roster.RosterImportCancelView.as_view(), name="roster_import_cancel"),
]
