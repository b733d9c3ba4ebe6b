"""What waits in citizen ratings, for the home page's to-do list: callbacks past their due time."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.core.todo import todo_item
from qunying.feedback.models import Callback
from qunying.feedback.rules import policy


@todo_item(
    "feedback.overdue",
    _("Overdue callbacks"),
    permission="feedback.handle_callback",
    url_name="feedback:callback_list",
    query="overdue=on",
    icon="telephone-outbound",
    order=60,
)
def overdue_callbacks(user):
    return policy.filter(user, "handle_callback", Callback.objects.all()).filter(due_at__lt=timezone.now())
