"""Care pages about people: the dashboard, finding a person, a person's care records with consent, and the
person's own "my care records" page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from qunying.care import services
from qunying.care.forms import ConsentForm
from qunying.care.queries import (
    care_people,
    cases_due_for_review,
    honours_awaiting_delivery,
    notices_visible_to,
    own_person,
    records_of,
    referrals_overdue,
    visits_pending,
)
from qunying.care.views.base import CareActionView, CareExportMixin, CareListView, CareMixin, CareObjectMixin
from qunying.core.policy import within
from qunying.org.models import Person
from qunying.org.queries import search_people

DASHBOARD_ROWS = 20


class DashboardView(CareMixin, TemplateView):
    """What needs doing: visits not yet done (overdue first), referrals past target, cases due for review."""

    template_name = "care/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        visits = list(visits_pending(user)[:DASHBOARD_ROWS])
        referrals = list(referrals_overdue(user)[:DASHBOARD_ROWS])
        cases = list(cases_due_for_review(user)[:DASHBOARD_ROWS])
        self.audit_read(
            None,
            "dashboard",
            visits=[v.pk for v in visits],
            referrals=[r.pk for r in referrals],
            cases=[c.pk for c in cases],
        )
        return super().get_context_data(
            today=timezone.localdate(),
            visits=visits,
            referrals=referrals,
            cases=cases,
            visits_count=visits_pending(user).count(),
            referrals_count=referrals_overdue(user).count(),
            awaiting_delivery=honours_awaiting_delivery(user).count(),
            unread_notices=notices_visible_to(user).filter(read_at__isnull=True).count(),
            **kwargs,
        )


class PeopleListView(CareListView):
    title = gettext_lazy("People")
    what = "people"
    export_url = "care:people_export"
    empty_hint = gettext_lazy("Search by name, badge number or pinyin initials.")
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Badge number"), "警号", 10),
        (gettext_lazy("Unit"), "单位", 18),
    )

    def get_queryset(self, filters):
        people = care_people(self.request.user)
        if filters.get("unit") is not None:
            people = people.filter(within("unit__path", filters["unit"].path))
        if filters.get("q"):
            people = search_people(people, filters["q"])
        return people.order_by("unit__path", "name_pinyin", "pk")

    def link(self, person):
        return reverse("care:person_care", args=[person.pk])

    def cells(self, person):
        return [person.name, person.badge_number, person.unit.name]


class PeopleExportView(CareExportMixin, PeopleListView):
    filename = "关爱人员"


class PersonCareView(CareObjectMixin, TemplateView):
    """Everything care holds about one person, for the care officer; reading it is audited."""

    permission_required = "care.view_person_care"
    template_name = "care/person_care.html"

    def scope(self, user):
        return care_people(user)

    def get_context_data(self, **kwargs):
        person = self.object
        self.audit_read(person, "person_records")
        records = records_of(person)
        consent = records["consent"]
        form = ConsentForm(initial={"status": consent.status} if consent else None)
        return super().get_context_data(person=person, consent_form=form, **records, **kwargs)


class ConsentView(CareActionView):
    permission_required = "care.record_consent"
    form_class = ConsentForm
    success_message = gettext_lazy("The consent has been recorded.")

    def scope(self, user):
        return care_people(user)

    def act(self, person, data):
        services.record_consent(person=person, by=self.request.user, **data)

    def redirect_to(self, person):
        return reverse("care:person_care", args=[person.pk])


class MyRecordsView(CareMixin, TemplateView):
    """What care holds about me, and my consent: my own record only, and reading it is audited too."""

    permission_required = "care.view_own_records"
    template_name = "care/my_records.html"

    def get_context_data(self, **kwargs):
        person: Person | None = own_person(self.request.user)
        if person is None:
            return super().get_context_data(person=None, **kwargs)
        self.audit_read(person, "own_records")
        return super().get_context_data(person=person, **records_of(person), **kwargs)
