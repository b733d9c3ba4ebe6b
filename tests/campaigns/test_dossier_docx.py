"""The decision dossier as .docx: read back with python-docx — nominations and evidence, scores, recusals, vote
anomalies, objections and approvals are in it, the East-Asian font is named, and only result readers get it."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.core.models import AuditEntry
from tests.branches.conftest import make_replies
from tests.campaigns.conftest import DAY, judge_all, move
from tests.factories import PersonFactory


@pytest.fixture
def closed(types, tree, role_user):
    """A 最美民警 campaign taken through judging (one recusal), voting (one quarantined vote), decision, an objection
    (dismissed) and closing."""
    officer, leader = role_user("political_officer"), role_user("leader")
    campaign = services.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=officer)
    first = PersonFactory(name="民警甲", category="police", unit=tree["station_a"])
    second = PersonFactory(name="民警乙", category="police", unit=tree["station_b"])
    make_replies(first, 10, year=2024)
    a = services.nominate(
        campaign=campaign, person=first, statement="抗洪抢险转移群众", rating_period=(2024, None), by=officer
    )
    b = services.nominate(campaign=campaign, person=second, statement="社区警务", by=officer)
    conflicted = role_user("judge", full_name="评委丙")
    recusal = services.assign_judge(nomination=b, judge=conflicted, by=officer)
    move(campaign, Phase.JUDGING)
    services.declare_conflict(assignment=recusal, conflict="与被推荐人系亲属", by=conflicted)
    judges = [role_user("judge"), role_user("judge")]
    judge_all(campaign, judges, {judges[0]: {a: 9, b: 7}, judges[1]: {a: 8, b: 6}})
    move(campaign, Phase.VOTING)
    services.cast_vote(campaign=campaign, nomination=b, phone_hash_="x" * 64, verified_at=timezone.now(), ip="10.1.1.1")
    move(campaign, Phase.DECIDING)
    services.propose_winners(campaign=campaign, winners=[a], by=officer)
    campaign = services.approve_winners(campaign=campaign, by=leader, today=DAY)
    objection = services.raise_objection(nomination=a, name="王某", contact="13800000000", text="事迹有夸大")
    services.resolve_objection(objection=objection, upheld=False, finding="经核实事迹属实", by=officer)
    services.close_campaign(campaign=campaign, by=officer, today=campaign.notice_ends + datetime.timedelta(days=1))
    campaign.refresh_from_db()
    return campaign, officer


def read_back(response) -> tuple[docx.Document, str]:
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, "\n".join(texts)


def test_the_dossier_holds_the_whole_decision(client, closed):
    campaign, officer = closed
    client.force_login(officer)
    response = client.get(reverse("campaigns:dossier_docx", args=[campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    document, text = read_back(response)
    assert "2024年9月“最美民警”评选 · 决策档案" in text
    for expected in (
        "民警甲",
        "甲派出所",
        "抗洪抢险转移群众",  # statement
        "群众评价 2024年：修正得分",  # rating evidence
        "与被推荐人系亲属",  # declared conflict
        "评委丙",
        "验证后",  # the quarantine reason of the too-fast vote
        "10.1.1.0/24",
        "事迹有夸大",  # objection
        "经核实事迹属实",  # finding
        "已授予",  # the winner's status
        "推荐获评人选",  # proposal in the approval trail
        "审定获评人选",  # approval
        "获评人员：民警甲（甲派出所）",
    ):
        assert expected in text, expected
    # Scores: both nominees with raw mean / median / z-score / model / final and intervals, then the four criteria.
    score_table = document.tables[1]
    assert [row.cells[1].text for row in score_table.rows[1:]] == ["民警甲", "民警乙"]
    assert [cell.text for cell in score_table.rows[0].cells][3:7] == ["原始均值", "中位数", "z 分数", "模型"]
    assert "业绩" in document.tables[2].rows[0].cells[1].text
    assert "13800000000" not in text  # the objector's contact stays out
    assert AuditEntry.objects.filter(action="campaigns.dossier.download", object_id=str(campaign.pk)).count() == 1


def test_the_east_asian_font_is_named_on_styles_and_runs(client, closed):
    campaign, officer = closed
    client.force_login(officer)
    document, _text = read_back(client.get(reverse("campaigns:dossier_docx", args=[campaign.pk])))
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    runs = [run for p in document.paragraphs for run in p.runs if run.text]
    runs += [run for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for run in p.runs]
    assert runs and all(run.element.rPr.rFonts.get(qn("w:eastAsia")) in {"仿宋", "黑体"} for run in runs if run.text)
    section = document.sections[0]
    assert {round(section.page_width.mm), round(section.page_height.mm)} == {210, 297}  # A4


@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        ("leader", "bureau", 200),
        ("unit_manager", "station_a", 403),
        ("judge", "bureau", 403),
        ("publicity_editor", "bureau", 404),
        ("member", "bureau", 404),
    ],
)
def test_only_result_readers_download_the_dossier(client, closed, role_user, role, unit, status):
    campaign, _officer = closed
    client.force_login(role_user(role, unit))
    assert client.get(reverse("campaigns:dossier_docx", args=[campaign.pk])).status_code == status


def test_the_dossier_waits_for_the_results(client, campaign, role_user):
    client.force_login(role_user("political_officer"))
    url = reverse("campaigns:dossier_docx", args=[campaign.pk])
    move(campaign, Phase.JUDGING)
    assert client.get(url).status_code == 403
    move(campaign, Phase.DECIDING)
    assert client.get(url).status_code == 200
    assert client.get(reverse("campaigns:dossier_docx", args=[999999])).status_code == 404


def test_the_dossier_is_never_kept_in_a_cache(client, closed):
    campaign, officer = closed
    client.force_login(officer)

    response = client.get(reverse("campaigns:dossier_docx", args=[campaign.pk]))

    assert "no-store" in response["Cache-Control"]


def test_the_word_dossier_marks_nominees_who_cannot_be_told_apart(client, types, tree, role_user):
    officer = role_user("political_officer")
    campaign = services.open_campaign(campaign_type=types["aux_star"], day=DAY, by=officer)  # one to be chosen
    people = [
        PersonFactory(name=name, category="auxiliary", police_rank="", unit=tree[unit])
        for name, unit in (("辅警子", "station_a"), ("辅警丑", "station_b"))
    ]
    first, second = (services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people)
    judges = [role_user("judge") for _ in range(3)]
    judge_all(
        campaign,
        judges,
        {judges[0]: {first: 8, second: 7}, judges[1]: {first: 7, second: 8}, judges[2]: {first: 8, second: 8}},
    )
    move(campaign, Phase.DECIDING)
    client.force_login(officer)

    document, text = read_back(client.get(reverse("campaigns:dossier_docx", args=[campaign.pk])))

    marks = [row.cells[-1].text for row in document.tables[1].rows[1:]]
    assert marks == ["无法区分", "无法区分"]
    assert "与名额线无法区分的被推荐人（由评审委员会决定）：" in text
    assert "辅警子（无法区分）：对评审和投票重抽样 400 次" in text and "跨越名额线（评选 1 名）" in text
    intervals = [row.cells[-3].text for row in document.tables[1].rows[1:]]
    assert all("–" in interval for interval in intervals)
