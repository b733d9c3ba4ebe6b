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
    "discovery",
    "reserve",
    "campaigns",
    "publicity",
    "branches",
    "care",
    "reports",
)


def load(stdout) -> None:
    """Create or refresh every app's demo data in build order; each module finds what exists, so this is idempotent."""
    for name in MODULES:
        import_module(f"{__name__}.{name}").load(stdout)
