"""Four eyes on honours and the confirmation before revoking one, in a real browser: the recorder finds the approve
button disabled with the reason, a leader approves; revoking asks first in the dialog of core/confirm.js, and on a
page of its own without JavaScript."""

import datetime
import re

import pytest

from qunying.honours import services
from qunying.honours.enums import HonourStatus
from qunying.honours.models import AwardType, Honour
from tests.browser.conftest import TIMEOUT_MS, _page, sign_in
from tests.honours.conftest import issuers as issuers
from tests.honours.conftest import people as people

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect
expect.set_options(timeout=TIMEOUT_MS)


def _entered(people, issuers, by):
    return services.record_honour(
        person=people["a"],
        award_type=AwardType.objects.get(code="commendation"),
        issuer=issuers["county_police"],
        awarded_on=datetime.date(2022, 6, 28),
        reason="疫情防控卡点执勤表现突出",
        document_number="巢公政〔2022〕18号",
        by=by,
    )


def _fill_revocation(page):
    page.get_by_label("撤销理由").fill("经查，所报事迹与实际不符")
    page.get_by_label("撤销文号").fill("巢公政〔2023〕7号")


def test_the_recorder_cannot_approve_and_a_leader_approves_then_revokes_after_a_dialog(
    page, people, issuers, role_user
):
    recorder = role_user("political_officer", full_name="张政工")
    leader = role_user("leader", full_name="王局长")
    honour = _entered(people, issuers, recorder)

    sign_in(page, recorder)
    page.goto(f"/awards/{honour.pk}/")
    expect(page.locator("[data-approval]").get_by_role("button", name="审批通过")).to_be_disabled()
    expect(page.locator("[data-approval]").get_by_role("button", name="不予批准")).to_be_disabled()
    expect(page.locator("[data-approval]")).to_contain_text("您录入了这项奖励，须由另一名领导或政工干部审批。")
    page.context.clear_cookies()

    sign_in(page, leader)
    page.goto(f"/awards/{honour.pk}/")
    page.locator("[data-approval]").get_by_role("link", name="审批通过").click()
    page.get_by_role("button", name="审批通过").click()
    expect(page.locator(".alert-success")).to_contain_text("奖励已审批生效")
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.ACTIVE

    page.goto(f"/awards/{honour.pk}/revoke/")
    _fill_revocation(page)
    page.get_by_role("button", name="撤销").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("此操作不可恢复")
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_have_count(0)
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.ACTIVE

    page.get_by_role("button", name="撤销").click()
    page.locator("dialog[open]").get_by_role("button", name="撤销").click()
    expect(page.locator("h1 .badge")).to_have_text("已撤销")
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.REVOKED
    assert page.js_errors == []


def test_revoking_asks_first_on_a_page_without_javascript(browser, live_server, people, issuers, role_user):
    honour = services.approve_honour(_entered(people, issuers, role_user("political_officer")), by=None)
    context, page = _page(browser, live_server, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        sign_in(page, role_user("leader"))
        page.goto(f"/awards/{honour.pk}/revoke/")
        _fill_revocation(page)
        page.get_by_role("button", name="撤销").click()

        expect(page.locator("[data-confirmation]")).to_contain_text("此操作不可恢复")
        assert Honour.objects.get(pk=honour.pk).status == HonourStatus.ACTIVE
        page.locator("[data-confirmation]").get_by_role("button", name=re.compile("撤销")).click()

        expect(page.locator("h1 .badge")).to_have_text("已撤销")
        assert Honour.objects.get(pk=honour.pk).status == HonourStatus.REVOKED
    finally:
        context.close()
