"""Accounts: users, role assignments scoped to a unit subtree, 等保 level-3 login policy, the 三员 separation."""
