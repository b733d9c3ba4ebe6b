"""Browser tests: real headless Chromium (Debian's package, never a downloaded one) driven by Playwright against
pytest-django's live server. Without Chromium on the machine every test here is skipped with the reason.

Playwright's sync API runs an event loop in this thread, so Django would refuse ORM calls made here (fixtures and
assertions) as "async unsafe"; they are safe (the live server runs in its own thread), hence the variable, as the
pytest-playwright documentation recommends."""

import os
import shutil

import pytest

from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# As the machine notes require: no sandbox (we run as root), and no background traffic to Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Generous, so a busy machine (CI running everything on two cores) slows the tests down rather than failing them;
# a journey that works takes a few seconds.
TIMEOUT_MS = 60_000
PHONE_VIEWPORT = {"width": 390, "height": 844}  # an iPhone 12-sized screen


def chromium_path() -> str | None:
    configured = os.environ.get("QUNYING_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    """Skip (with the reason, once per test) rather than fail where the machine has no Chromium or no Playwright."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "browser tests skipped: the Python package playwright is not installed (uv sync --group dev)"
    if reason is None and chromium_path() is None:
        reason = (
            "browser tests skipped: Chromium not found at /usr/bin/chromium "
            "(apt-get install chromium, or set QUNYING_CHROMIUM to its path)"
        )
    if reason:
        here = os.path.dirname(__file__)
        for item in items:
            if str(item.fspath).startswith(here):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def browser():
    """Chromium for one test. Not session-wide on purpose: while Playwright runs, its event loop counts as running in
    this thread, and Django then hands out other connection objects than pytest-django's; so the database is set up
    and restored (serialized rollback) only while no Playwright is running, and the test's own connections are
    closed before Playwright stops (PostgreSQL could not drop a test database still in use)."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        connections.close_all()


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.js_errors = errors
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh desktop browser context (its own cookies) on the live server."""
    context, page = _page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A fresh phone-sized context: small viewport, touch, a mobile user agent."""
    context, page = _page(
        browser,
        live_server,
        viewport=PHONE_VIEWPORT,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        user_agent=(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
        ),
    )
    yield page
    context.close()


def sign_in(page, user) -> None:
    """Through the real sign-in form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
