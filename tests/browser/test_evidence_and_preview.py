"""Two editors in Chromium (issue 19 items 10 and 11): choosing a nominee loads their verified deeds as the evidence
(htmx), and typing a story's body refreshes its sanitised preview beside the editor (htmx, CSRF-protected POST).
QUNYING_SHOTS=<dir> also saves desktop and 390 px screenshots there."""

import datetime
import os

import pytest

from tests.browser.conftest import sign_in
from tests.campaigns.conftest import aux, campaign, types  # noqa: F401 -- the campaigns fixtures, used here too
from tests.honours.conftest import verified_deed

SHOTS = os.environ.get("QUNYING_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_choosing_a_nominee_loads_their_deeds_as_evidence(page, phone_page, campaign, aux, role_user):  # noqa: F811
    verified_deed(aux["b"], title="抗洪抢险转移群众", date=datetime.date(2024, 7, 3))
    verified_deed(aux["b"], title="雨夜救助迷路老人", date=datetime.date(2024, 8, 12))
    verified_deed(aux["b2"], title="夜间巡逻抓获嫌疑人", date=datetime.date(2024, 8, 1))
    manager = role_user("unit_manager", "station_b")
    for name, p in (("desktop", page), ("phone", phone_page)):
        sign_in(p, manager)
        p.goto(f"/campaigns/{campaign.pk}/nominate/")
        evidence = p.locator("#qy-evidence")
        assert "请先选择被推荐人" in evidence.inner_text()
        p.get_by_label("人员").select_option(value=str(aux["b"].pk))
        p.wait_for_selector("#qy-evidence input[type=checkbox]")
        text = evidence.inner_text()
        assert "2024-07-03 · 抗洪抢险转移群众（乙派出所）" in text and "雨夜救助迷路老人" in text
        assert "夜间巡逻抓获嫌疑人" not in text
        shot(p, f"nomination_form_{name}")
        assert not p.js_errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_typing_a_story_refreshes_its_sanitised_preview(page, phone_page, tree, role_user):
    writer = role_user("publicity_editor", "station_a")
    for name, p in (("desktop", page), ("phone", phone_page)):
        sign_in(p, writer)
        p.goto("/publicity/stories/new/")
        p.get_by_label("标题").fill("路口守护人")
        p.get_by_label("正文（Markdown）").fill(
            "## 十年坚守\n\n**每天清晨**，他都在路口疏导交通。<script>alert(1)</script>\n\n- 疏导车流\n- 护送学生"
        )
        preview = p.locator("#qy-story-preview")
        preview.locator("h2").wait_for()
        assert preview.locator("h2").inner_text() == "十年坚守"
        assert preview.locator("strong").inner_text() == "每天清晨"
        assert preview.locator("script").count() == 0 and "<script>" in preview.inner_text()
        shot(p, f"story_editor_{name}")
        assert not p.js_errors
