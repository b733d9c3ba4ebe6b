"""What waits in publicity, for the home page's to-do list: stories at the user's review step."""

from django.utils.translation import gettext_lazy as _

from qunying.core.todo import todo_item
from qunying.publicity.models import Story
from qunying.publicity.rules import policy


@todo_item(
    "publicity.review",
    _("Stories at my review step"),
    permission="publicity.review_story",
    url_name="publicity:story_list",
    query="status=in_review",
    icon="journal-richtext",
    order=50,
)
def stories_to_review(user):
    return policy.filter(user, "review_story", Story.objects.all())
