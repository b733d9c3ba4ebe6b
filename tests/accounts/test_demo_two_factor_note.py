"""The demo says, in Chinese, which roles must sign in with a second factor."""

import io

from qunying.demo.accounts import write_two_factor_note


def test_two_factor_note_names_the_required_roles_in_chinese(settings):
    settings.QUNYING_2FA_ROLES = ["sys_admin", "political_officer"]
    out = io.StringIO()

    write_two_factor_note(out)

    assert "系统管理员" in out.getvalue() and "政治处" in out.getvalue()


def test_two_factor_note_says_when_nothing_is_required(settings):
    settings.QUNYING_2FA_ROLES = []
    out = io.StringIO()

    write_two_factor_note(out)

    assert "未对任何角色强制" in out.getvalue()
