"""Campaign type pages: the list, and creating or editing a type with its criteria (bureau political department)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns.forms import CampaignTypeForm, CriterionFormSet, criteria_from
from qunying.campaigns.models import CampaignType
from qunying.campaigns.queries import campaign_types_with_counts
from qunying.campaigns.services.types import CRITERION_FIELDS, save_campaign_type
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class TypeListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "campaigns.manage_types"
    template_name = "campaigns/type_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=paginate(self.request, campaign_types_with_counts()), **kwargs)


class TypeFormView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """One page for both a new type and an existing one (TypeUpdateView): the type's settings and its criteria as a
    formset (two blank rows to add one)."""

    permission_required = "campaigns.manage_types"
    template_name = "campaigns/type_form.html"

    @property
    def campaign_type(self):
        return getattr(self, "object", None)

    def forms(self, data=None):
        campaign_type = self.campaign_type
        if campaign_type is None:
            form = CampaignTypeForm(data, initial={"period": "monthly", "notice_working_days": 7, "vote_percent": 0})
            criteria = [
                {"name": name, "weight": weight} for name, weight in (("业绩", 40), ("群众评价", 30), ("事迹", 30))
            ]
        else:
            form = CampaignTypeForm(data, initial=CampaignTypeForm.initial_for(campaign_type))
            criteria = [
                {"id": c.pk, **{field: getattr(c, field) for field in CRITERION_FIELDS}}
                for c in campaign_type.criteria.all()
            ]
        # Bound, a new type's default rows come back as initial forms (INITIAL_FORMS); passing them as initial again
        # would make an unchanged row look empty and drop it.
        if data is not None and campaign_type is None:
            criteria = None
        return form, CriterionFormSet(data, initial=criteria, prefix="criteria")

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["formset"] = self.forms()
        return super().get_context_data(campaign_type=self.campaign_type, **kwargs)

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                saved = save_campaign_type(
                    campaign_type=self.campaign_type,
                    data=form.service_data(),
                    criteria=criteria_from(formset),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Campaign type %(name)s saved.") % {"name": saved.name})
                return redirect("campaigns:type_list")
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class TypeUpdateView(ScopedObjectMixin, TypeFormView):
    """Campaign types are bureau-wide configuration: every one is in reach, the permission decides who edits."""

    def scope(self, user):
        return CampaignType.objects.all()
