"""What `qunying demo` prints (issue 19 item 16): Chinese throughout, each line once, and the logins of every demo
role (the three judges too) in one framed block at the very end, so `make run` shows them above the address."""

import re

from qunying.demo.accounts import DEMO_PASSWORD, DEMO_USERS, FRAME
from qunying.demo.campaigns import EXTRA_JUDGES

# Words that may stand in Latin letters: logins, the password, settings, paths and product names.
ALLOWED_LATIN = (
    {username for username, *_ in DEMO_USERS}
    | {username for username, _ in EXTRA_JUDGES}
    | {"QUNYING_2FA_ROLES", "TOTP", "make", "run", "accounts", "2fa", "reports", "figures"}
)


def test_the_logins_are_the_last_block_framed_and_complete(demo):
    lines = [line for line in demo.splitlines() if line.strip()]
    assert lines[-1] == FRAME
    block = lines[len(lines) - 1 - lines[::-1].index(FRAME, 1) :]
    assert block[1] == f"演示账号（密码均为 {DEMO_PASSWORD}）："
    logins = [line.split()[0] for line in block[2:] if line.startswith("  ")]
    expected = [username for username, *_ in DEMO_USERS]
    expected[4:4] = ["pingwei2", "pingwei3"]  # beside 评委演示账号
    assert logins == expected
    assert "  pingwei3     评委（巢湖市公安局）" in block
    assert any(line.startswith("两步验证：") for line in block)


def test_each_line_is_printed_once_and_in_chinese(demo):
    lines = [line.strip() for line in demo.splitlines() if line.strip() and line != FRAME]
    assert len(lines) == len(set(lines)), [line for line in lines if lines.count(line) > 1]
    english = {
        word
        for line in lines
        for word in re.findall(r"[A-Za-z][A-Za-z_0-9]+", line.replace(DEMO_PASSWORD, ""))
        if word not in ALLOWED_LATIN
    }
    assert not english, english
