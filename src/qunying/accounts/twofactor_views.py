"""Two-factor sign-in pages: the second step and enrolment under /accounts/2fa/, the holder's own settings, and the
security administrator's reset of a lost device."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from qunying.accounts import twofactor
from qunying.accounts.forms import EnrolmentForm, SecondFactorForm
from qunying.accounts.queries import accounts_for_second_factor_reset
from qunying.accounts.twofactor import Outcome
from qunying.core.object_views import ScopedObjectMixin


def _no_store(response):
    # Secrets and backup codes must not stay in a browser's or a proxy's cache.
    response["Cache-Control"] = "no-store"
    return response


def _locked_out(request):
    """Too many wrong passwords or codes from here: back to the start, and the lockout page."""
    twofactor.abandon_second_step(request)
    if request.user.is_authenticated:
        logout(request)
    return render(request, "accounts/locked_out.html", status=429)


def _start_again(request):
    messages.warning(request, _("Your sign-in has expired. Please sign in again."))
    return redirect("accounts:login")


def _refuse(form, outcome: Outcome) -> None:
    if outcome is Outcome.THROTTLED:
        form.add_error("code", _("Too many wrong codes. Please wait a moment and try again."))
    else:
        form.add_error("code", _("This code is not right, or has already been used."))


class TwoFactorVerifyView(View):
    """The second step after the password: a code from the app, or a backup code."""

    template_name = "accounts/twofactor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        self.account = twofactor.second_step_user(request)
        if self.account is None:
            return _start_again(request)
        if request.user.is_authenticated and twofactor.session_satisfied(request):
            return redirect("accounts:twofactor_manage")
        if twofactor.enrolled_device(self.account) is None:
            return redirect("accounts:twofactor_setup")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(SecondFactorForm())

    def post(self, request):
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            outcome = twofactor.verify_second_factor(request, self.account, form.cleaned_data["code"])
            if outcome is Outcome.ACCEPTED:
                return redirect(twofactor.finish_second_step(request, self.account, how=twofactor.VERIFIED))
            if outcome is Outcome.LOCKED:
                return _locked_out(request)
            _refuse(form, outcome)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(request=self.request, template_name=self.template_name, context={"form": form}, status=status)


class TwoFactorSetupView(View):
    """Enrolment: scan the QR code (or type the secret), confirm with the first code, keep the backup codes."""

    template_name = "accounts/twofactor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        self.account = twofactor.second_step_user(request)
        if self.account is None:
            return _start_again(request)
        if twofactor.enrolled_device(self.account) is not None:
            return redirect("accounts:twofactor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(EnrolmentForm())

    def post(self, request):
        form = EnrolmentForm(request.POST)
        if form.is_valid():
            outcome, codes = twofactor.confirm_enrolment(request, self.account, form.cleaned_data["code"])
            if outcome is Outcome.ACCEPTED:
                next_url = twofactor.finish_second_step(request, self.account, how=twofactor.VERIFIED)
                messages.success(request, _("Two-factor sign-in is set up."))
                context = {"codes": codes, "next_url": next_url}
                return _no_store(render(request, "accounts/twofactor_backup_codes.html", context))
            if outcome is Outcome.LOCKED:
                return _locked_out(request)
            _refuse(form, outcome)
        return self.render(form, status=400)

    def render(self, form, status=200):
        device = twofactor.begin_enrolment(self.account)
        context = {
            "form": form,
            "qr_svg": twofactor.qr_svg(device),
            "secret": twofactor.secret_text(device),
            "required": twofactor.required_for(self.account),
            "signed_in": self.request.user.is_authenticated,
        }
        return _no_store(render(self.request, self.template_name, context, status=status))


class TwoFactorManageView(LoginRequiredMixin, View):
    """The holder's page (account menu): set up, new backup codes, or turn it off where the role allows."""

    template_name = "accounts/twofactor_manage.html"

    def get(self, request):
        return self.render(SecondFactorForm())

    def post(self, request):
        action = request.POST.get("action")
        form = SecondFactorForm(request.POST)
        if action not in {"regenerate", "disable"} or twofactor.enrolled_device(request.user) is None:
            return redirect("accounts:twofactor_manage")
        if not form.is_valid():
            return self.render(form, status=400)
        # A current code first: an unattended session alone cannot take the second factor away.
        outcome = twofactor.verify_second_factor(request, request.user, form.cleaned_data["code"])
        if outcome is Outcome.LOCKED:
            return _locked_out(request)
        if outcome is not Outcome.ACCEPTED:
            _refuse(form, outcome)
            return self.render(form, status=400)
        if action == "regenerate":
            codes = twofactor.regenerate_backup_codes(request.user)
            context = {"codes": codes, "next_url": request.path}
            return _no_store(render(request, "accounts/twofactor_backup_codes.html", context))
        try:
            twofactor.disable_own_second_factor(request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Two-factor sign-in is turned off."))
        return redirect("accounts:twofactor_manage")

    def render(self, form, status=200):
        device = twofactor.enrolled_device(self.request.user)
        context = {
            "form": form,
            "device": device,
            "remaining": twofactor.remaining_backup_codes(device) if device else 0,
            "required": twofactor.required_for(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)


class UserSecondFactorResetView(ScopedObjectMixin, View):
    """Posted from the role assignments page: the holder of a lost phone enrols again at their next sign-in."""

    permission_required = "accounts.reset_second_factor"

    def scope(self, user):
        return accounts_for_second_factor_reset(user)

    def post(self, request, pk):
        account = self.object
        try:
            twofactor.reset_second_factor(account, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The two-factor sign-in of %(user)s has been reset; they set it up again at next sign-in.")
                % {"user": account},
            )
        return redirect("accounts:role_list")
