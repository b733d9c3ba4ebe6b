"""Publicity permissions (mirrored by publicity.queries)."""

import rules

from qunying.accounts.enums import BUSINESS_ROLES, Role
from qunying.accounts.rules import has_role, has_role_over

ARTICLE_IMPORTERS = (Role.POLITICAL_OFFICER, Role.PUBLICITY_EDITOR)
ARTICLE_CONFIRMERS = (Role.POLITICAL_OFFICER,)

rules.add_perm("publicity.view_article_imports", has_role(*ARTICLE_IMPORTERS))
rules.add_perm("publicity.import_article", has_role(*ARTICLE_IMPORTERS))
rules.add_perm("publicity.confirm_article", has_role(*ARTICLE_CONFIRMERS))

STORY_READERS = (Role.PUBLICITY_EDITOR, Role.POLITICAL_OFFICER, Role.LEADER)

rules.add_perm("publicity.view_stories", has_role(*STORY_READERS))

STORY_WRITERS = (Role.PUBLICITY_EDITOR, Role.POLITICAL_OFFICER)

rules.add_perm("publicity.write_stories", has_role(*STORY_WRITERS))
rules.add_perm("publicity.edit_story", has_role_over(*STORY_WRITERS))
# The columns are the intranet's reading pages: every officer reads them; the three admins read no business data.
rules.add_perm("publicity.read_columns", has_role(*BUSINESS_ROLES))
rules.add_perm("publicity.view_outreach", has_role(*STORY_READERS))
rules.add_perm("publicity.manage_outreach", has_role(*STORY_WRITERS))
rules.add_perm("publicity.edit_outreach", has_role_over(*STORY_WRITERS))
rules.add_perm("publicity.view_plans", has_role(*STORY_READERS))
rules.add_perm("publicity.manage_plans", has_role(*STORY_WRITERS))
rules.add_perm("publicity.edit_plan", has_role_over(*STORY_WRITERS))
