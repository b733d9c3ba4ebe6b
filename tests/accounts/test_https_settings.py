"""QUNYING_HTTPS: HSTS, the redirect to https and secure cookies, so `check --deploy` has no W004/W008; read from a
fresh process, since settings come from the environment once."""

import json
import os
import subprocess
import sys

SHOWN = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QUNYING_DEBUG": "0", **env}
    for name in ("QUNYING_HTTPS", "QUNYING_SECURE_COOKIES", "QUNYING_PROXY_COUNT"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(args, env=environment, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603 -- our own interpreter and console script


def deploy_check(**env: str) -> str:
    result = run([sys.executable, "-m", "qunying", "check", "--deploy"], **env)
    return result.stdout + result.stderr


def settings_in(**env: str) -> dict:
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {SHOWN!r}}}))"
    )
    result = run([sys.executable, "-c", script], DJANGO_SETTINGS_MODULE="qunying.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_setting_clears_the_hsts_and_redirect_warnings():
    without = deploy_check()
    with_https = deploy_check(QUNYING_HTTPS="1")

    assert "security.W004" in without and "security.W008" in without
    assert "security.W004" not in with_https
    assert "security.W008" not in with_https
    assert "security.W012" not in with_https and "security.W016" not in with_https  # secure cookies


def test_https_behind_a_proxy_trusts_its_forwarded_proto():
    direct = settings_in(QUNYING_HTTPS="1")
    proxied = settings_in(QUNYING_HTTPS="1", QUNYING_PROXY_COUNT="1")

    assert direct["SECURE_SSL_REDIRECT"] is True and direct["SECURE_HSTS_SECONDS"] >= 31536000
    assert direct["SESSION_COOKIE_SECURE"] is True and direct["CSRF_COOKIE_SECURE"] is True
    assert direct["SECURE_PROXY_SSL_HEADER"] is None
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_secure_cookies_alone_still_work():
    cookies_only = settings_in(QUNYING_SECURE_COOKIES="1")

    assert cookies_only["SESSION_COOKIE_SECURE"] is True and cookies_only["CSRF_COOKIE_SECURE"] is True
    assert cookies_only["SECURE_SSL_REDIRECT"] is False
