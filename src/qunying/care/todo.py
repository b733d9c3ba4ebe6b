"""What waits in care, for the home page's to-do list: welfare visits due today or earlier."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.care.enums import VisitStatus
from qunying.care.models import WelfareVisit
from qunying.care.rules import policy
from qunying.core.todo import todo_item


@todo_item(
    "care.visits",
    _("Welfare visits due"),
    permission="care.view_care",
    url_name="care:visit_list",
    query="status=planned",
    icon="house-heart",
    order=70,
    deadline="due_on",
)
def visits_due(user):
    return policy.filter(user, "complete_visit", WelfareVisit.objects.all()).filter(
        status=VisitStatus.PLANNED, due_on__lte=timezone.localdate()
    )
