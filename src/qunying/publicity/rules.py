"""Publicity policy: who reads and writes stories, placements, outreach events and plans over which units, who takes
a story through review (the step's configured role) to publication and withdrawal, who imports and confirms scraped
articles, and who reads the columns — declared once; the permissions, the lists (publicity.queries,
publicity.outreach_queries) and the service checks derive from it."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Grant, Policy, anywhere, only, over
from qunying.core.roles import BUSINESS_ROLES, Role
from qunying.publicity.enums import ArticleImportStatus, StoryStatus

READERS = (Role.PUBLICITY_EDITOR, Role.POLITICAL_OFFICER, Role.LEADER)
WRITERS = (Role.PUBLICITY_EDITOR, Role.POLITICAL_OFFICER)
ARTICLE_IMPORTERS = (Role.POLITICAL_OFFICER, Role.PUBLICITY_EDITOR)
ARTICLE_CONFIRMERS = (Role.POLITICAL_OFFICER,)
PUBLISHERS = (Role.POLITICAL_OFFICER, Role.PUBLICITY_EDITOR)
WITHDRAWERS = (Role.POLITICAL_OFFICER, Role.LEADER)

# A story's text is edited as a draft, or after a withdrawal (it then goes through review again).
EDITABLE = Q(status__in=[StoryStatus.DRAFT, StoryStatus.WITHDRAWN])
PUBLISHED = Q(status=StoryStatus.PUBLISHED)
UNMATCHED_ITEM = Q(placement__isnull=True, event__isnull=True, story__isnull=True)

WRITE = _("Only the unit's publicity editors or the political department write its publicity.")
WRITE_STORY = _("Only the unit's publicity editors or the political department keep this story.")


@dataclass(frozen=True)
class not_author(Grant):  # lower case: reads as a declaration
    """Four eyes: the grant holds only for a user who did not write the story (its `created_by`)."""

    grant: Grant

    def held(self, user) -> bool:
        return self.grant.held(user)

    def allows(self, user, obj) -> bool:
        return obj.created_by_id != user.pk and self.grant.allows(user, obj)

    def q(self, user, model) -> Q:
        return self.grant.q(user, model) & ~Q(created_by=user)


policy = Policy("publicity")

# --- imported articles: bureau-wide material of the political department and the publicity editors ------------------
policy.action("view_article_imports", anywhere(*ARTICLE_IMPORTERS))
policy.action("import_article", anywhere(*ARTICLE_IMPORTERS))
policy.action(
    "confirm_article",
    anywhere(*ARTICLE_CONFIRMERS),
    when=Q(status=ArticleImportStatus.PROPOSED),
    reason=_("Only the political department confirms or discards an article, while it awaits confirmation."),
)

# --- writing for a unit (asked of org.Unit): new stories, placements, events and plans ------------------------------
policy.action("write_for", over(*WRITERS, unit=""), reason=WRITE)

# --- stories ---------------------------------------------------------------------------------------------------------
policy.action("view_stories", anywhere(*READERS))
policy.action("view_story", over(*READERS), reason=_("This story lies outside your units."))
policy.action("write_stories", anywhere(*WRITERS), reason=WRITE)
policy.action(
    "edit_story",
    over(*WRITERS),
    when=EDITABLE,
    reason=_("Only a draft or a withdrawn story can be edited, by the unit's publicity editors or political officers."),
)
policy.action("add_story_photo", over(*WRITERS), reason=WRITE_STORY)
policy.action("remove_story_photo", over(*WRITERS, unit="story__unit"), reason=WRITE_STORY)
policy.action("manage_consent", over(*WRITERS, unit="story__unit"), reason=WRITE_STORY)
policy.action(
    "submit_story",
    over(*WRITERS),
    when=Q(status=StoryStatus.DRAFT),
    reason=_("Only a draft is submitted for review, by the unit's publicity editors or political officers."),
)
# The reviewer of the current step: the role the (configurable) step names, over the story's unit — never its author.
policy.action(
    "review_story",
    *(not_author(only(over(role), when=Q(review_step__role=role))) for role in Role),
    when=Q(status=StoryStatus.IN_REVIEW, review_step__isnull=False),
    reason=_(
        "Only the reviewer of the story's current step, over its unit, decides at that step, and never the story's "
        "author."
    ),
)
policy.action(
    "publish_story",
    over(*PUBLISHERS),
    when=Q(status=StoryStatus.APPROVED),
    reason=_("Only an approved story is published, by the unit's publicity editors or political officers."),
)
policy.action(
    "withdraw_story",
    over(*WITHDRAWERS),
    when=PUBLISHED,
    reason=_("Only a published story is withdrawn, by a bureau leader or political officer over its unit."),
)

# --- the columns: the intranet's reading pages, for every officer (the 三员 read no business data) ------------------
policy.action("read_columns", anywhere(*BUSINESS_ROLES))
policy.action("read_story", anywhere(*BUSINESS_ROLES), when=PUBLISHED, reason=_("This story is not published."))
# A story's photo: for whoever reads the story, and for every officer once it is published.
policy.action(
    "view_story_photo",
    over(*READERS, unit="story__unit"),
    only(anywhere(*BUSINESS_ROLES), when=Q(story__status=StoryStatus.PUBLISHED)),
)

# --- media placements and outreach events ----------------------------------------------------------------------------
policy.action("view_outreach", anywhere(*READERS))
policy.action("manage_outreach", anywhere(*WRITERS), reason=WRITE)
policy.action("view_placement", over(*READERS))
policy.action("change_placement", over(*WRITERS), reason=WRITE)
policy.action("view_event", over(*READERS))
policy.action("change_event", over(*WRITERS), reason=WRITE)

# --- quarterly publicity plans ---------------------------------------------------------------------------------------
policy.action("view_plans", anywhere(*READERS))
policy.action("manage_plans", anywhere(*WRITERS), reason=WRITE)
policy.action("view_plan", over(*READERS))
policy.action("edit_plan", over(*WRITERS), reason=WRITE)
policy.action("view_plan_item", over(*READERS, unit="plan__unit"))
policy.action(
    "match_plan_item",
    over(*WRITERS, unit="plan__unit"),
    when=UNMATCHED_ITEM,
    reason=_("Only a plan item not yet carried out is matched, by the plan unit's publicity editors."),
)
