"""The public nomination page (社会征集, /nominate/): phone-friendly, no login, abuse-resistant without a captcha.

Order of the checks on a post: body size (before the form is even parsed), the per-IP counter, the form (honeypot,
the time it was open, lengths, HTML), the per-contact counter; only then the service writes one row."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from qunying.core.middleware import client_ip
from qunying.deeds import services, throttle
from qunying.deeds.forms import PublicNominationForm
from qunying.deeds.models import PublicNomination
from qunying.deeds.queries import public_units

TEMPLATE = "deeds/public_nominate.html"
REFERENCE_KEY = "qy_nomination_reference"


class PublicNominationView(View):
    def form(self, data=None):
        return PublicNominationForm(data, units=public_units(), initial={"shown_at": throttle.form_token()})

    def refuse(self, request, message: str, status: int):
        """Refused before the form is read: a fresh form and the reason (what was typed is not echoed back)."""
        return render(request, TEMPLATE, {"form": self.form(), "refusal": message}, status=status)

    def get(self, request):
        return render(request, TEMPLATE, {"form": self.form()})

    def post(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.QUNYING_NOMINATION_MAX_BODY_BYTES:
            return self.refuse(
                request,
                _("Your text is too long. The story may be at most 5,000 characters; please shorten it."),
                413,
            )
        if not throttle.allow_ip(client_ip(request)):
            return self.refuse(request, _("Too many submissions from your network. Please try again in an hour."), 429)
        form = self.form(request.POST)
        if not form.is_valid():
            # A fresh stamp, so a person who corrects the form is not refused as "too fast" or "expired".
            data = request.POST.copy()
            data["shown_at"] = throttle.form_token()
            form.data = data
            return render(request, TEMPLATE, {"form": form}, status=400)
        submission = form.submission()
        phone_index = PublicNomination._meta.get_field("contact_phone_index").index_of(submission["contact_phone"])
        if submission["contact_phone"] and throttle.contact_exhausted(phone_index):
            form.add_error(
                "contact_phone", _("You have already sent several stories today. Thank you; please try tomorrow.")
            )
            return render(request, TEMPLATE, {"form": form}, status=429)
        nomination = services.submit_public_nomination(**submission)
        request.session[REFERENCE_KEY] = nomination.reference  # shown once on the thanks page, not in its URL
        if submission["contact_phone"]:
            throttle.count_contact(phone_index)
        thanks = reverse("nominate:thanks")
        return redirect(f"{thanks}?cleaned=1" if getattr(form, "html_removed", False) else thanks)


class PublicNominationThanksView(View):
    def get(self, request):
        context = {
            "html_removed": request.GET.get("cleaned") == "1",
            "reference": request.session.pop(REFERENCE_KEY, ""),
        }
        return render(request, "deeds/public_thanks.html", context)
