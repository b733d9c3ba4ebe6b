"""The daily work in a real browser (issue 19): a judge scores from the to-do list with the evidence in sight; the
political department confirms before moving a campaign on, with JavaScript (a dialog) and without (a page)."""

import re

import pytest

from qunying.campaigns import services as campaigns
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign
from qunying.deeds import services as deeds
from tests.browser.conftest import TIMEOUT_MS, _page, sign_in
from tests.campaigns.conftest import DAY, move
from tests.campaigns.conftest import types as types
from tests.deeds.conftest import make_deed
from tests.factories import HonourFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect
expect.set_options(timeout=TIMEOUT_MS)


def test_a_judge_scores_from_the_todo_list_with_the_evidence_visible(page, tree, role_user, types):
    campaign = campaigns.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    officer, judge = role_user("political_officer"), role_user("judge")
    nominee = PersonFactory(name="辅警戊", category="auxiliary", police_rank="", unit=tree["station_b"])
    deed = deeds.verify_deed(make_deed(nominee, title="洪水中转移群众十二人"), by=officer)
    HonourFactory(person=nominee, award_type="public_praise", reason="防汛抢险")
    nomination = campaigns.nominate(
        campaign=campaign, person=nominee, statement="汛期坚守一线", deeds=[deed], by=officer
    )
    assignment = campaigns.assign_judge(nomination=nomination, judge=judge, by=officer)
    move(campaign, Phase.JUDGING)
    criteria = list(campaign.campaign_type.criteria.all())

    sign_in(page, judge)
    page.goto("/")
    expect(page.locator("nav .nav-link", has_text="我的评审")).to_contain_text("1")
    page.get_by_role("link", name=re.compile("待我评分的评审")).click()
    page.get_by_role("link", name="辅警戊").click()

    expect(page.get_by_text("汛期坚守一线")).to_be_visible()
    expect(page.get_by_text("洪水中转移群众十二人")).to_be_visible()
    expect(page.get_by_text(deed.date.strftime("%Y-%m-%d")).first).to_be_visible()
    expect(page.locator("[data-evidence=honours]")).to_contain_text("通报表扬")
    expect(page.locator("[data-evidence=reserve]")).to_contain_text("未进入典型储备库")
    for criterion in criteria:
        page.locator(f"#id_score_{criterion.pk}").fill("9")
    page.get_by_role("button", name="提交评审").click()

    expect(page.get_by_text("分配给您的被推荐人已全部评完")).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert page.js_errors == []


def _campaign_in_nominating(types):
    return campaigns.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)


def test_moving_a_campaign_on_asks_first_in_a_dialog(page, tree, role_user, types):
    campaign = _campaign_in_nominating(types)
    sign_in(page, role_user("political_officer"))
    page.goto(f"/campaigns/{campaign.pk}/")

    page.get_by_role("button", name=re.compile("进入 评审")).click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("阶段一经推进不能退回")
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_have_count(0)
    assert Campaign.objects.get(pk=campaign.pk).phase == Phase.NOMINATING

    page.get_by_role("button", name=re.compile("进入 评审")).click()
    page.locator("dialog[open]").get_by_role("button", name=re.compile("进入 评审")).click()

    expect(page.locator("h1 .badge")).to_have_text("评审")
    assert Campaign.objects.get(pk=campaign.pk).phase == Phase.JUDGING
    assert page.js_errors == []


def test_moving_a_campaign_on_asks_first_on_a_page_without_javascript(browser, live_server, tree, role_user, types):
    campaign = _campaign_in_nominating(types)
    context, page = _page(browser, live_server, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        sign_in(page, role_user("political_officer"))
        page.goto(f"/campaigns/{campaign.pk}/")

        page.get_by_role("button", name=re.compile("进入 评审")).click()
        expect(page.locator("[data-confirmation]")).to_contain_text("阶段一经推进不能退回")
        assert Campaign.objects.get(pk=campaign.pk).phase == Phase.NOMINATING
        page.get_by_role("button", name=re.compile("推进到")).click()

        expect(page.locator("h1 .badge")).to_have_text("评审")
        assert Campaign.objects.get(pk=campaign.pk).phase == Phase.JUDGING
    finally:
        context.close()
