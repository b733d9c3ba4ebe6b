"""Accounts pages: sign-in, own password and profile, accounts and API tokens (sys_admin), role assignments."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from qunying.accounts import services, twofactor
from qunying.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    RoleAssignForm,
    UserCreateForm,
    UserUpdateForm,
)
from qunying.accounts.models import SecondFactor
from qunying.accounts.queries import (
    api_tokens_visible_to,
    role_assignments_visible_to,
    units_for_role_grants,
    users_visible_to,
)
from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.policy import assignments_of
from qunying.core.roles import Role


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.second_factor_needed(user):
            # Not signed in yet: the right password only opens the second step.
            twofactor.start_second_step(self.request, user, next_url=self.get_success_url())
            return redirect("accounts:twofactor_verify")
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(LoginRequiredMixin, FormView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            services.change_own_password(self.request.user, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password1", error)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect("core:home")


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(assignments=assignments_of(self.request.user), **kwargs)


class UserListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_list.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        users = search_users(users_visible_to(self.request.user), query)
        return super().get_context_data(page=paginate(self.request, users), query=query, **kwargs)


def search_users(users, query: str):
    """The account list's search (username or full name), shared by the page and its export."""
    if query:
        users = users.filter(username__icontains=query) | users.filter(full_name__icontains=query)
    return users.order_by("username")


class UserExportView(ExcelExportView):
    """The account list as a workbook for the system administrator: accounts only, no roles (those are the
    security administrator's) and no business data."""

    permission_required = "accounts.manage_users"
    filename = "用户账号"
    audit_action = "accounts.users.exported"
    columns = [("用户名", 16), ("姓名", 12), ("状态", 8), ("最近登录", 18), ("密码修改日期", 14)]

    def get_filters(self):
        query = self.request.GET.get("q", "").strip()[:100]
        return {"q": query} if query else {}

    def get_queryset(self, filters):
        return search_users(users_visible_to(self.request.user), filters.get("q", ""))

    def row(self, account):
        return [
            account.username,
            account.full_name,
            "启用" if account.is_active else "停用",
            timezone.localtime(account.last_login).strftime("%Y-%m-%d %H:%M") if account.last_login else "",
            timezone.localtime(account.password_changed_at).date() if account.password_changed_at else None,
        ]


class UserCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_form.html"
    form_class = UserCreateForm

    def form_valid(self, form):
        try:
            user = services.create_user(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Account %(user)s created.") % {"user": user})
        return redirect("accounts:user_list")


class AccountMixin(ScopedObjectMixin):
    """One account, fetched through the administrator's scope (accounts.rules)."""

    permission_required = "accounts.manage_users"

    def scope(self, user):
        return users_visible_to(user)


class UserUpdateView(AccountMixin, FormView):
    template_name = "accounts/user_form.html"
    form_class = UserUpdateForm

    def get_initial(self):
        return {"full_name": self.object.full_name, "email": self.object.email}

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.object, reset_form=PasswordResetForm(), **kwargs)

    def form_valid(self, form):
        services.update_user(self.object, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Account details saved."))
        return redirect("accounts:user_list")


class UserPasswordResetView(AccountMixin, View):
    """Posted from the account page; a refused password shows there again with the reason."""

    def post(self, request, pk):
        account = self.object
        form = PasswordResetForm(request.POST)
        if form.is_valid():
            try:
                services.reset_password(account, password=form.cleaned_data["password"], by=request.user)
            except ValidationError as error:
                form.add_error("password", error)
            else:
                messages.success(
                    request,
                    _("The password of %(user)s has been reset; they must change it at next sign-in.")
                    % {"user": account},
                )
                return redirect("accounts:user_list")
        details = UserUpdateForm(initial={"full_name": account.full_name, "email": account.email})
        context = {"account": account, "form": details, "reset_form": form}
        return render(request, "accounts/user_form.html", context, status=400)


class UserActiveView(AccountMixin, View):
    def post(self, request, pk):
        account = self.object
        active = request.POST.get("active") == "1"
        try:
            services.set_user_active(account, active=active, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Account activated.") if active else _("Account deactivated."))
        return redirect("accounts:user_list")


class RoleAssignmentListView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "accounts.manage_roles"
    template_name = "accounts/role_list.html"
    form_class = RoleAssignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": units_for_role_grants(self.request.user)}

    def get_context_data(self, **kwargs):
        assignments = role_assignments_visible_to(self.request.user).annotate(
            has_second_factor=Exists(SecondFactor.objects.filter(user=OuterRef("user"), confirmed=True))
        )
        if role := self.request.GET.get("role"):
            assignments = assignments.filter(role=role)
        return super().get_context_data(page=paginate(self.request, assignments), roles=Role.choices, **kwargs)

    def form_valid(self, form):
        try:
            services.assign_role(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Role assigned."))
        return redirect("accounts:role_list")


class RoleAssignmentExportView(ExcelExportView):
    """Who holds which role over which unit, for the security administrator (the same role filter as the page)."""

    permission_required = "accounts.manage_roles"
    filename = "角色授权"
    audit_action = "accounts.roles.exported"
    columns = [("用户名", 16), ("姓名", 12), ("角色", 16), ("范围", 24), ("授权人", 16), ("授权时间", 18)]

    def get_filters(self):
        role = self.request.GET.get("role", "")
        return {"role": role} if role in Role.values else {}

    def get_queryset(self, filters):
        assignments = role_assignments_visible_to(self.request.user)
        if filters.get("role"):
            assignments = assignments.filter(role=filters["role"])
        return assignments

    def row(self, assignment):
        return [
            assignment.user.username,
            assignment.user.full_name,
            assignment.get_role_display(),
            assignment.unit.name,
            assignment.granted_by.username if assignment.granted_by_id else "",
            timezone.localtime(assignment.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


class RoleRevokeView(ScopedObjectMixin, View):
    permission_required = "accounts.revoke_role"

    def scope(self, user):
        return role_assignments_visible_to(user)

    def post(self, request, pk):
        try:
            services.revoke_role(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role assignment revoked."))
        return redirect("accounts:role_list")


class ApiTokenListView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Tokens for other systems. A new token is shown on the answer to the POST, once, and stored only as a hash."""

    permission_required = "accounts.manage_api_tokens"
    template_name = "accounts/api_token_list.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs):
        tokens = api_tokens_visible_to(self.request.user)
        return super().get_context_data(page=paginate(self.request, tokens), **kwargs)

    def form_valid(self, form):
        try:
            api_token, token = services.issue_api_token(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        # Rendered, not redirected: the plaintext must not travel through the session or a URL.
        response = self.render_to_response(
            self.get_context_data(form=ApiTokenForm(), new_token=token, new_api_token=api_token)
        )
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(ScopedObjectMixin, View):
    permission_required = "accounts.manage_api_tokens"

    def scope(self, user):
        return api_tokens_visible_to(user)

    def post(self, request, pk):
        api_token = self.object
        try:
            services.revoke_api_token(api_token, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Token %(token)s revoked.") % {"token": api_token})
        return redirect("accounts:api_token_list")
