"""The daily work in a real browser (issue 19): a judge scores from the to-do list with the evidence in sight; the
political department confirms before moving a campaign on, with JavaScript (a dialog) and without (a page); a citizen
reads the candidates on a phone, then verifies the number and votes."""

import re

import pytest

from qunying.campaigns import services as campaigns
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, Vote
from qunying.deeds import services as deeds
from qunying.feedback.models import OutboxMessage
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


def test_a_citizen_reads_the_candidates_then_votes_on_a_phone(phone_page, tree, role_user, types, settings):
    settings.QUNYING_SMS_BACKEND = "outbox"  # the code lands in the outbox, where this test reads it
    campaign = campaigns.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)
    officer = role_user("political_officer")
    for name, unit, story in (("警甲", "station_a", "深夜救起落水儿童"), ("警乙", "station_b", "十年扎根社区调解纠纷")):
        person = PersonFactory(name=name, unit=tree[unit])
        campaigns.nominate(campaign=campaign, person=person, statement=story, by=officer)
    move(campaign, Phase.VOTING)
    page = phone_page

    page.goto(f"/vote/{campaign.pk}/")
    # The candidates, their stories and the deadline come before the phone number is asked for.
    candidates = page.locator("[data-vote=candidates]")
    expect(candidates).to_contain_text("十年扎根社区调解纠纷")
    expect(page.locator("[data-vote=deadline]")).to_be_visible()
    phone_box = page.get_by_label("手机号码").bounding_box()
    assert candidates.bounding_box()["y"] < phone_box["y"]
    page.get_by_label("手机号码").fill("13912345678")
    page.get_by_role("button", name="发送验证码").click()

    expect(page.locator("[data-vote=sent-to]")).to_contain_text("139****5678")
    expect(page.get_by_role("button", name=re.compile("秒后可重新发送"))).to_be_disabled()
    code = re.search(r"(\d{6})", OutboxMessage.objects.order_by("-pk").first().text).group(1)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="核实").click()
    page.locator(".list-group-item", has_text="警乙").get_by_role("button", name="投票").click()
    expect(page.locator("dialog[open]")).to_contain_text("投出后不能更改")
    page.locator("dialog[open]").get_by_role("button", name="投票").click()

    expect(page.locator("[data-vote=done]")).to_contain_text("您已投票")
    expect(page.get_by_role("button", name="投票")).to_have_count(0)
    assert Vote.objects.get(campaign=campaign).nomination.person.name == "警乙"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.js_errors == []
