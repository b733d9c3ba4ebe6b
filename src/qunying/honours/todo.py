"""What waits in honours, for the home page's to-do list: honours awaiting my approval (four eyes)."""

from django.utils.translation import gettext_lazy as _

from qunying.core.todo import todo_item
from qunying.honours.queries import honours_to_approve


@todo_item(
    "honours.approve",
    _("Honours awaiting my approval"),
    permission="honours.approve_honours",
    url_name="honours:honour_list",
    query="to_approve=on",
    icon="award",
    order=15,
)
def honours_awaiting_my_approval(user):
    return honours_to_approve(user)  # the list's own filter
