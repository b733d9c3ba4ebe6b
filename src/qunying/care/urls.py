"""Care URLs (关爱): every page is for care officers in scope, except the person's own records."""

from django.urls import path

from qunying.care.views import deliveries, entitlements, medical, people, welfare

app_name = "care"

urlpatterns = [
    path("", people.DashboardView.as_view(), name="dashboard"),
    path("people/", people.PeopleListView.as_view(), name="people"),
    path("people/export/", people.PeopleExportView.as_view(), name="people_export"),
    path("people/<int:pk>/", people.PersonCareView.as_view(), name="person_care"),
    path("people/<int:pk>/consent/", people.ConsentView.as_view(), name="consent"),
    path("mine/", people.MyRecordsView.as_view(), name="my_records"),
    path("rules/", entitlements.RuleListView.as_view(), name="rule_list"),
    path("rules/new/", entitlements.RuleCreateView.as_view(), name="rule_create"),
    path("rules/<int:pk>/", entitlements.RuleUpdateView.as_view(), name="rule_update"),
    path("entitlements/", entitlements.EntitlementListView.as_view(), name="entitlement_list"),
    path("entitlements/export/", entitlements.EntitlementExportView.as_view(), name="entitlement_export"),
    path("entitlements/run/", entitlements.EligibilityRunView.as_view(), name="eligibility_run"),
    path("entitlements/<int:pk>/", entitlements.EntitlementDetailView.as_view(), name="entitlement_detail"),
    path("entitlements/<int:pk>/grant/", entitlements.GrantView.as_view(), name="entitlement_grant"),
    path("entitlements/<int:pk>/schedule/", entitlements.ScheduleView.as_view(), name="entitlement_schedule"),
    path("entitlements/<int:pk>/use/", entitlements.UseView.as_view(), name="entitlement_use"),
    path("notices/", entitlements.NoticeListView.as_view(), name="notice_list"),
    path("notices/export/", entitlements.NoticeExportView.as_view(), name="notice_export"),
    path("notices/<int:pk>/read/", entitlements.NoticeReadView.as_view(), name="notice_read"),
    path("deliveries/", deliveries.DeliveryListView.as_view(), name="delivery_list"),
    path("deliveries/export/", deliveries.DeliveryExportView.as_view(), name="delivery_export"),
    path("deliveries/pending/", deliveries.DeliveryPendingView.as_view(), name="delivery_pending"),
    path("deliveries/pending/export/", deliveries.DeliveryPendingExportView.as_view(), name="delivery_pending_export"),
    path("deliveries/undelivered/", deliveries.UndeliveredView.as_view(), name="delivery_undelivered"),
    path(
        "deliveries/undelivered/export/", deliveries.UndeliveredExportView.as_view(), name="delivery_undelivered_export"
    ),
    path("deliveries/honour/<int:pk>/", deliveries.DeliveryCreateView.as_view(), name="delivery_create"),
    path("deliveries/<int:pk>/photo/", deliveries.DeliveryPhotoView.as_view(), name="delivery_photo"),
    path("visits/", welfare.VisitListView.as_view(), name="visit_list"),
    path("visits/export/", welfare.VisitExportView.as_view(), name="visit_export"),
    path("visits/new/", welfare.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/", welfare.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/done/", welfare.VisitDoneView.as_view(), name="visit_done"),
    path("visits/<int:pk>/cancel/", welfare.VisitCancelView.as_view(), name="visit_cancel"),
    path("health/new/", welfare.HealthEventCreateView.as_view(), name="health_event_create"),
    path("cases/", welfare.CaseListView.as_view(), name="case_list"),
    path("cases/export/", welfare.CaseExportView.as_view(), name="case_export"),
    path("cases/new/", welfare.CaseCreateView.as_view(), name="case_create"),
    path("cases/<int:pk>/", welfare.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/step/", welfare.CaseStepView.as_view(), name="case_step"),
    path("cases/<int:pk>/close/", welfare.CaseCloseView.as_view(), name="case_close"),
    path("hospitals/", medical.HospitalListView.as_view(), name="hospital_list"),
    path("hospitals/new/", medical.HospitalCreateView.as_view(), name="hospital_create"),
    path("hospitals/<int:pk>/", medical.HospitalUpdateView.as_view(), name="hospital_update"),
    path("referrals/", medical.ReferralListView.as_view(), name="referral_list"),
    path("referrals/export/", medical.ReferralExportView.as_view(), name="referral_export"),
    path("referrals/overdue/", medical.ReferralOverdueView.as_view(), name="referral_overdue"),
    path("referrals/overdue/export/", medical.ReferralOverdueExportView.as_view(), name="referral_overdue_export"),
    path("referrals/new/", medical.ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/<int:pk>/", medical.ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/arrange/", medical.ReferralArrangeView.as_view(), name="referral_arrange"),
    path("referrals/<int:pk>/close/", medical.ReferralCloseView.as_view(), name="referral_close"),
]
