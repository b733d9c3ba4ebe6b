"""Publicity permissions (mirrored by publicity.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role

ARTICLE_IMPORTERS = (Role.POLITICAL_OFFICER, Role.PUBLICITY_EDITOR)
ARTICLE_CONFIRMERS = (Role.POLITICAL_OFFICER,)

rules.add_perm("publicity.view_article_imports", has_role(*ARTICLE_IMPORTERS))
rules.add_perm("publicity.import_article", has_role(*ARTICLE_IMPORTERS))
rules.add_perm("publicity.confirm_article", has_role(*ARTICLE_CONFIRMERS))

STORY_READERS = (Role.PUBLICITY_EDITOR, Role.POLITICAL_OFFICER, Role.LEADER)

rules.add_perm("publicity.view_stories", has_role(*STORY_READERS))
