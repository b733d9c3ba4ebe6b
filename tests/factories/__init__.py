"""Test factories (factory-boy, Faker zh_CN), one module per app; `from tests.factories import X` finds every one."""

import factory

# Before the factory modules declare their Faker fields.
factory.Faker._DEFAULT_LOCALE = "zh_CN"

from tests.factories.accounts import PASSWORD, RoleAssignmentFactory, UserFactory, user_with_role  # noqa: E402
from tests.factories.honours import HonourFactory, IssuerFactory  # noqa: E402
from tests.factories.org import PersonFactory, UnitFactory, valid_id_number  # noqa: E402

__all__ = [
    "PASSWORD",
    "HonourFactory",
    "IssuerFactory",
    "PersonFactory",
    "RoleAssignmentFactory",
    "UnitFactory",
    "UserFactory",
    "user_with_role",
    "valid_id_number",
]
