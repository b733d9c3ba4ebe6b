"""Manual coding: replies the parser could not read, in the handler's units, each coded with a small form."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.feedback import services
from qunying.feedback.forms import ReplyCodeForm
from qunying.feedback.queries import replies_to_code_visible_to, replies_visible_to


class ReplyCodingListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "feedback.code_replies"
    template_name = "feedback/reply_coding.html"

    def get_context_data(self, **kwargs):
        page = paginate(self.request, replies_to_code_visible_to(self.request.user))
        return super().get_context_data(page=page, form=ReplyCodeForm(), **kwargs)


class ReplyCodeView(ScopedObjectMixin, View):
    permission_required = "feedback.code_reply"

    def scope(self, user):
        return replies_visible_to(user)

    def post(self, request, pk):
        reply = self.object
        form = ReplyCodeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose a rating, or that the reply has none."))
            return redirect("feedback:reply_coding")
        try:
            services.code_reply(reply, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Reply coded."))
        return redirect("feedback:reply_coding")
