"""Citizens' pages on a phone (issue 19 items 14 and 15): the public nomination's character counter (a static script)
turns red over the limit and the server refuses with the text kept; the 公示 notice gives its issuer, phone and how to
object, and after it closes its address says it has ended."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from qunying.campaigns import services as campaigns
from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, CampaignType, Nomination
from tests.browser.conftest import TIMEOUT_MS
from tests.campaigns.conftest import DAY
from tests.campaigns.conftest import types as types
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect
expect.set_options(timeout=TIMEOUT_MS)


def test_the_story_counter_turns_red_over_the_limit_and_nothing_is_cut(phone_page, tree, settings):
    settings.QUNYING_NOMINATION_MIN_FILL_SECONDS = 0
    page = phone_page
    page.goto("/nominate/")
    counter = page.locator("#id_story-count")
    expect(counter).to_have_text("已输入 0 / 5000 字")

    page.get_by_label("民警/辅警的姓名或警号").fill("半汤派出所的李玲警官")
    page.get_by_label("事情经过").fill("好" * 5_003)

    expect(counter).to_contain_text("超出上限 3 字")
    expect(counter).to_have_class(re.compile("text-danger"))
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    expect(page.get_by_text("讲述最多 5000 字（您写了 5003 字）")).to_be_visible()
    assert len(page.get_by_label("事情经过").input_value()) == 5_003  # the text is kept, not cut
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert [error for error in page.js_errors if "status of 400" not in error] == []  # the refusal is a 400


def notice_campaign(types, tree, *, ended: bool) -> Campaign:
    campaign_type = types["aux_model"]
    CampaignType.objects.filter(pk=campaign_type.pk).update(notice_phone="0551-82321110")
    campaign = campaigns.open_campaign(campaign_type=campaign_type, day=DAY, by=None)
    officer = PersonFactory(name="李玲", category="auxiliary", police_rank="", unit=tree["station_a"])
    Nomination.objects.create(
        campaign=campaign,
        person=officer,
        unit=officer.unit,
        statement="连续三年扎根社区",
        status=NominationStatus.APPROVED,
    )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=20 if ended else 1)
    Campaign.objects.filter(pk=campaign.pk).update(
        phase=Phase.CLOSED if ended else Phase.NOTICE, notice_starts=start, notice_ends=start + datetime.timedelta(9)
    )
    return campaign


def test_the_notice_names_its_issuer_phone_and_how_to_object_on_a_phone(phone_page, tree, types):
    campaign = notice_campaign(types, tree, ended=False)
    page = phone_page

    page.goto(reverse("campaigns:public_notice", args=[campaign.pk]))

    details = page.locator("[data-notice=details]")
    expect(details).to_contain_text("测试市公安局")
    expect(details.locator("a[href^='tel:']")).to_have_text("0551-82321110")
    expect(details).to_contain_text("7 个工作日")
    expect(details).to_contain_text("异议方式")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_closed_notice_says_it_has_ended(phone_page, tree, types):
    campaign = notice_campaign(types, tree, ended=True)

    response = phone_page.goto(reverse("campaigns:public_notice", args=[campaign.pk]))

    assert response.status == 200
    expect(phone_page.locator("[data-notice=ended]")).to_contain_text("已结束")
    expect(phone_page.locator("[data-notice=phone]")).to_contain_text("0551-82321110")
