"""Unit pages: the tree with counts, a unit's detail, create, edit and move (political department)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.policy import within
from qunying.org import services
from qunying.org.forms import UnitCreateForm, UnitForm, UnitMoveForm
from qunying.org.models import Unit
from qunying.org.queries import (
    ancestors_of,
    filter_people,
    people_visible_to,
    unit_tree_with_counts,
    units_editable_by,
    units_visible_to,
)

# The tree page shows this many levels of the user's scope; a deeper unit's children load on demand (htmx).
TREE_LEVELS = 3


class UnitTreeView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "org.view_unit_tree"
    template_name = "org/unit_tree.html"

    def get_context_data(self, **kwargs):
        rows = [row for row in unit_tree_with_counts(units_visible_to(self.request.user)) if row.level < TREE_LEVELS]
        for row in rows:
            row.collapsed = row.has_children and row.level == TREE_LEVELS - 1
        return super().get_context_data(rows=rows, **kwargs)


class UnitChildrenView(ScopedObjectMixin, TemplateView):
    """A unit's children as rows of the tree page, loaded when the unit is opened there (htmx)."""

    permission_required = "org.view_unit"
    template_name = "org/_unit_child_rows.html"

    def scope(self, user):
        return units_visible_to(user)

    def get_context_data(self, **kwargs):
        unit = self.object
        level = self.request.GET.get("level", "")
        level = min(int(level), 20) if level.isdigit() else 0
        subtree = units_visible_to(self.request.user).filter(within("path", unit.path))
        rows = [row for row in unit_tree_with_counts(subtree) if row.level == 1]
        for row in rows:
            row.level += level
            row.collapsed = row.has_children
        return super().get_context_data(rows=rows, **kwargs)


class UnitExportView(ExcelExportView):
    """The unit tree as a workbook, in tree order, with the same head counts as the page."""

    permission_required = "org.view_unit_tree"
    filename = "单位"
    audit_action = "org.units.exported"
    columns = [("单位", 24), ("上级单位", 24), ("类别", 12), ("层级", 6), ("民警", 8), ("辅警", 8), ("含下级合计", 10)]

    def get_queryset(self, filters):
        # The tree is computed in Python (as on the page); it is as long as the units in scope, never the people.
        units = units_visible_to(self.request.user).select_related("parent")
        return unit_tree_with_counts(units)

    def row(self, row):
        unit = row.unit
        return [
            unit.name,
            unit.parent.name if unit.parent_id else "",
            unit.get_kind_display(),
            row.level + 1,
            row.police,
            row.auxiliary,
            row.subtree_total,
        ]


class UnitDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "org.view_unit"
    template_name = "org/unit_detail.html"

    def scope(self, user):
        return units_visible_to(user)

    def get_context_data(self, **kwargs):
        user, unit = self.request.user, self.object
        subtree = units_visible_to(user).filter(within("path", unit.path), depth__lte=unit.depth + 1)
        people = filter_people(people_visible_to(user).filter(unit=unit), sort="name")
        return super().get_context_data(
            unit=unit,
            ancestors=ancestors_of(unit, within=units_visible_to(user)),
            rows=unit_tree_with_counts(subtree),
            page=paginate(self.request, people),
            **kwargs,
        )


class UnitCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "org.add_unit"
    template_name = "org/unit_form.html"
    form_class = UnitCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": units_editable_by(self.request.user)}

    def get_initial(self):
        return {"parent": self.request.GET.get("parent")}

    def form_valid(self, form):
        try:
            unit = services.create_unit(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Unit %(unit)s created.") % {"unit": unit})
        return redirect("org:unit_detail", pk=unit.pk)


class EditableUnitMixin(ScopedObjectMixin):
    """A unit the political department may edit: one outside its subtrees is a 404."""

    permission_required = "org.change_unit"

    def scope(self, user):
        return units_editable_by(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.object, **kwargs)


class UnitUpdateView(EditableUnitMixin, FormView):
    template_name = "org/unit_form.html"
    form_class = UnitForm

    def get_form_kwargs(self):
        # The form writes into its own copy; the service compares against the untouched unit.
        return {**super().get_form_kwargs(), "instance": Unit.objects.get(pk=self.object.pk)}

    def form_valid(self, form):
        try:
            services.update_unit(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Unit saved."))
        return redirect("org:unit_detail", pk=self.object.pk)


class UnitMoveView(EditableUnitMixin, FormView):
    template_name = "org/unit_move.html"
    form_class = UnitMoveForm

    def get_form_kwargs(self):
        targets = units_editable_by(self.request.user).exclude(within("path", self.object.path))
        return {**super().get_form_kwargs(), "units": targets}

    def form_valid(self, form):
        try:
            services.move_unit(self.object, new_parent=form.cleaned_data["new_parent"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Unit moved with all its subunits."))
        return redirect("org:unit_detail", pk=self.object.pk)
