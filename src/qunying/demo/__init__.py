"""The demo bureau (巢湖市公安局): one module per app, loaded by `qunying demo` only; product code never imports it."""

from importlib import import_module

# Build order: the unit tree before the people, accounts and records that hang on it; reports last, as it prints
# the figures of everything loaded before it.
MODULES = (
    "org",
    "accounts",
    "deeds",
    "honours",
    "feedback",
    "reserve",  # before discovery, whose suggestions leave out the reserve's members
    "discovery",
    "campaigns",
    "history",  # closed campaigns' records dated on their own calendar
    "publicity",
    "branches",
    "care",
    "reports",
)


def load(stdout) -> None:
    """Create or refresh every app's demo data in build order; each module finds what exists, so this is idempotent."""
    for name in MODULES:
        import_module(f"{__name__}.{name}").load(stdout)


def write_logins(stdout) -> None:
    """Every demo login in one framed block (the judges of the campaigns demo beside 评委演示账号)."""
    from qunying.demo import accounts, campaigns

    usernames = [username for username, *_ in accounts.DEMO_USERS]
    after_judge = usernames.index("pingwei") + 1
    usernames[after_judge:after_judge] = [username for username, _name in campaigns.EXTRA_JUDGES]
    accounts.write_logins(stdout, usernames)
