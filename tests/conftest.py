"""Shared fixtures: a small bureau tree and a user per role, each scoped the way the demo scopes them."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.factories import UnitFactory, user_with_role


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db):
    """bureau → station_a → squad_a;  bureau → station_b."""
    bureau = UnitFactory(name="测试市公安局", kind="bureau")
    station_a = UnitFactory(name="甲派出所", parent=bureau)
    squad_a = UnitFactory(name="甲所一中队", kind="squad", parent=station_a)
    station_b = UnitFactory(name="乙派出所", parent=bureau)
    return {"bureau": bureau, "station_a": station_a, "squad_a": squad_a, "station_b": station_b}


@pytest.fixture
def role_user(tree):
    """Make a user holding `role` over the named unit of the tree (the bureau by default)."""

    def make(role: str, unit: str = "bureau", **kwargs):
        return user_with_role(role, tree[unit], **kwargs)

    return make


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread; every test starts in the default language."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
