"""The main journeys in a real browser: a political officer records a deed, a unit manager nominates, a judge
scores, a citizen votes on a phone, a leader reads the dashboard. Each test drives the pages as a person would
(labels, buttons, redirects) and then checks what was stored; the assertions on the page are in Chinese, the default
language."""

import re

import pytest
from django.utils import timezone

from qunying.campaigns import services as campaigns
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Nomination, Vote
from qunying.core.models import AuditEntry
from qunying.deeds.models import Deed
from qunying.feedback.models import OutboxMessage
from tests.browser.conftest import TIMEOUT_MS, sign_in
from tests.campaigns.conftest import DAY, move
from tests.campaigns.conftest import types as types
from tests.factories import HonourFactory, IssuerFactory, PersonFactory

# Transactional (the live server's thread must see the data), and restored afterwards: the migrations' seeded award
# and campaign types must still be there for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect
expect.set_options(timeout=TIMEOUT_MS)  # generous: the machine running the suite may be busy with other work


def test_a_political_officer_signs_in_and_records_a_deed(page, tree, role_user):
    officer = role_user("political_officer")
    person = PersonFactory(name="王建国", badge_number="340012", unit=tree["station_a"])

    sign_in(page, officer)
    page.goto("/deeds/")
    page.get_by_role("link", name="登记事迹").click()
    page.get_by_label("标题").fill("深夜救助落水群众")
    page.get_by_label("日期").fill("2026-11-20")
    page.get_by_label("人员").fill("340012 主办 3")
    page.get_by_label("事迹经过").fill("巡逻中发现有人落水，立即下水施救并送医。")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", name="深夜救助落水群众")).to_be_visible()
    assert re.search(r"/deeds/\d+/$", page.url)
    expect(page.get_by_text("王建国").first).to_be_visible()
    deed = Deed.objects.get(title="深夜救助落水群众")
    assert list(deed.people.all()) == [person] and deed.proposed_by == officer
    assert AuditEntry.objects.filter(action__startswith="deeds.deed.", actor=officer).exists()
    assert page.js_errors == []


def test_a_unit_manager_nominates_someone_of_their_unit(page, tree, role_user, types):
    campaign = campaigns.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    manager = role_user("unit_manager", "station_b")
    nominee = PersonFactory(name="辅警丙", category="auxiliary", police_rank="", unit=tree["station_b"])
    PersonFactory(name="辅警甲", category="auxiliary", police_rank="", unit=tree["station_a"])

    sign_in(page, manager)
    page.goto(f"/campaigns/{campaign.pk}/nominate/")
    person = page.get_by_label("人员", exact=True)
    assert "辅警甲" not in person.inner_text()  # another unit's people are not offered
    person.select_option(value=str(nominee.pk))
    page.get_by_label("推荐理由").fill("连续三年执勤无差错，抗洪抢险中表现突出。")
    page.get_by_role("button", name="推荐提名").click()

    page.wait_for_url(re.compile(rf"/campaigns/{campaign.pk}/$"))
    expect(page.get_by_text("辅警丙").first).to_be_visible()
    nomination = Nomination.objects.get(campaign=campaign)
    assert nomination.person == nominee and nomination.nominated_by == manager
    assert page.js_errors == []


def test_a_judge_scores_an_assigned_nomination(page, tree, role_user, types):
    campaign = campaigns.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    officer, judge = role_user("political_officer"), role_user("judge")
    nominee = PersonFactory(name="辅警丁", category="auxiliary", police_rank="", unit=tree["station_b"])
    nomination = campaigns.nominate(campaign=campaign, person=nominee, statement="抗洪抢险", by=officer)
    assignment = campaigns.assign_judge(nomination=nomination, judge=judge, by=officer)
    move(campaign, Phase.JUDGING)
    criteria = list(campaign.campaign_type.criteria.all())

    sign_in(page, judge)
    page.goto("/campaigns/reviews/")
    page.locator(f"a[href$='/campaigns/reviews/{assignment.pk}/']").first.click()
    expect(page.get_by_role("heading", name=re.compile("辅警丁"))).to_be_visible()
    for criterion in criteria:
        page.locator(f"#id_score_{criterion.pk}").fill("8")
    page.get_by_role("button", name="提交评审").click()

    page.wait_for_load_state()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert sorted(score.value for score in assignment.scores.all()) == [8] * len(criteria)
    assert page.js_errors == []


def test_a_citizen_votes_on_a_phone_with_an_sms_code(phone_page, tree, role_user, types, settings):
    settings.QUNYING_SMS_BACKEND = "outbox"  # the code lands in the outbox, where this test reads it
    campaign = campaigns.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)
    officer = role_user("political_officer")
    for name, unit in (("警甲", "station_a"), ("警乙", "station_b")):
        person = PersonFactory(name=name, unit=tree[unit])
        campaigns.nominate(campaign=campaign, person=person, statement="事迹", by=officer)
    move(campaign, Phase.VOTING)
    page = phone_page

    page.goto(f"/vote/{campaign.pk}/")
    page.get_by_label("手机号码").fill("13912345678")
    page.get_by_role("button", name="发送验证码").click()
    code_field = page.get_by_label("短信验证码")
    expect(code_field).to_be_visible()
    code = re.search(r"(\d{6})", OutboxMessage.objects.order_by("-pk").first().text).group(1)
    code_field.fill(code)
    page.get_by_role("button", name="核实").click()
    page.locator(".list-group-item", has_text="警乙").get_by_role("button", name="投票").click()
    page.locator("dialog[open]").get_by_role("button", name="投票").click()  # confirmed in a dialog

    expect(page.get_by_text("感谢参与，您的投票已记录。")).to_be_visible()
    vote = Vote.objects.get(campaign=campaign)
    assert vote.nomination.person.name == "警乙"
    # Phone-sized: nothing wider than the screen (no sideways scrolling).
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.js_errors == []


def test_a_leader_reads_the_dashboard_and_follows_a_number_to_its_list(page, tree, role_user):
    # Written against the reports dashboard as it stood at 13:20 UTC on the day (/reports/, ECharts drawn as SVG,
    # every number a link to the list behind it).
    today = timezone.localdate()
    honoured = PersonFactory(name="刘志强", unit=tree["station_a"])
    HonourFactory(person=honoured, awarded_on=today, issuer=IssuerFactory(name="测试市公安局", level="county"))
    leader = role_user("leader")

    sign_in(page, leader)
    page.goto("/reports/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("全局工作看板")
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(today.year))
    honours = page.locator("section", has=page.locator("[data-qy-chart=honours]"))
    expect(honours.locator("[data-qy-chart=honours] svg").first).to_be_visible()  # the chart was drawn
    honours.locator("table a", has_text="1").first.click()

    page.wait_for_url(re.compile(r"/awards/\?"))
    expect(page.get_by_role("link", name="刘志强")).to_be_visible()
    assert page.js_errors == []
