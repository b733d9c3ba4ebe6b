"""Excel exports of the campaign lists: the campaigns, a judge's own reviews, a campaign's quarantined votes. Each: the
same rows and scope as its page, roles without access refused, formula text neutralised, an audit entry, and the same
number of queries for 1 and 3 rows. (Campaign types are configuration and "my notices" a personal inbox: no export.)"""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import DAY, move
from tests.factories import PersonFactory


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(min_row=2, values_only=True))


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        rows_of(client.get(url))
    return len(context)


# --- the campaign list --------------------------------------------------------------------------------------------


def test_campaign_export_lists_the_campaigns_with_titles_neutralised(client, types, role_user):
    campaign = services.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    Campaign.objects.filter(pk=campaign.pk).update(title="=HYPERLINK()")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    rows = rows_of(client.get(reverse("campaigns:campaign_export")))

    assert [row[0] for row in rows] == ["'=HYPERLINK()"]
    assert rows[0][5] == 0
    assert AuditEntry.objects.filter(action="campaigns.campaigns.exported", data__rows=1).exists()


@pytest.mark.parametrize("role", [Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.MEMBER, Role.SYS_ADMIN])
def test_campaign_export_is_refused_to_roles_without_campaigns(client, types, role_user, role):
    services.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    client.force_login(role_user(role))
    assert client.get(reverse("campaigns:campaign_export")).status_code == 403


def test_campaign_export_queries_do_not_grow(client, types, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    services.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)
    one = queries_for(client, reverse("campaigns:campaign_export"))
    services.open_campaign(campaign_type=types["aux_star"], day=DAY, by=None)
    services.open_campaign(campaign_type=types["aux_model"], day=datetime.date(2025, 9, 2), by=None)
    assert len(rows_of(client.get(reverse("campaigns:campaign_export")))) == 3
    assert queries_for(client, reverse("campaigns:campaign_export")) == one


# --- a judge's reviews --------------------------------------------------------------------------------------------


def nominated(campaign, tree, role_user, name, unit="station_a"):
    person = PersonFactory(name=name, category="auxiliary", police_rank="", unit=tree[unit])
    return services.nominate(campaign=campaign, person=person, statement="事迹", by=role_user(Role.POLITICAL_OFFICER))


def test_review_export_holds_only_the_judges_own_reviews(client, campaign, tree, role_user):
    judge, other_judge = role_user(Role.JUDGE), role_user(Role.JUDGE)
    mine = nominated(campaign, tree, role_user, "=辅警甲")
    recused = nominated(campaign, tree, role_user, "回避的辅警")
    theirs = nominated(campaign, tree, role_user, "他人评审的辅警", unit="station_b")
    move(campaign, Phase.JUDGING)
    mine.assignments.create(judge=judge)
    recused.assignments.create(judge=judge, recused=True)
    theirs.assignments.create(judge=other_judge)
    client.force_login(judge)

    rows = rows_of(client.get(reverse("campaigns:review_export")))

    assert [row[1:] for row in rows] == [("'=辅警甲", "甲派出所", "待评分"), (None, None, "已回避")]
    assert AuditEntry.objects.filter(action="campaigns.reviews.exported", actor=judge, data__rows=2).exists()


@pytest.mark.parametrize("role", [Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.MEMBER, Role.AUDIT_ADMIN])
def test_review_export_is_refused_to_roles_without_campaigns(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("campaigns:review_export")).status_code == 403


def test_review_export_queries_do_not_grow(client, campaign, tree, role_user):
    judge = role_user(Role.JUDGE)
    units = ("station_a", "station_b", "squad_a")  # two nominations per unit at most
    nominations = [nominated(campaign, tree, role_user, f"辅警{i}", unit=unit) for i, unit in enumerate(units)]
    client.force_login(judge)
    nominations[0].assignments.create(judge=judge)
    one = queries_for(client, reverse("campaigns:review_export"))
    for nomination in nominations[1:]:
        nomination.assignments.create(judge=judge)
    assert len(rows_of(client.get(reverse("campaigns:review_export")))) == 3
    assert queries_for(client, reverse("campaigns:review_export")) == one


# --- quarantined votes --------------------------------------------------------------------------------------------


@pytest.fixture
def police_campaign(types, tree, role_user):
    campaign = services.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)
    officer = role_user(Role.POLITICAL_OFFICER)
    people = [PersonFactory(name=n, unit=tree[u]) for n, u in (("=警甲", "station_a"), ("警乙", "station_b"))]
    nominations = [services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people]
    move(campaign, Phase.VOTING)
    return campaign, nominations


def quarantined(campaign, nomination, key):
    vote = services.cast_vote(campaign=campaign, nomination=nomination, phone_hash_=key, verified_at=timezone.now())
    assert vote.quarantined  # cast the instant the phone was verified
    return vote


def test_quarantine_export_holds_the_campaigns_quarantined_votes(client, police_campaign, role_user):
    campaign, (a, b) = police_campaign
    quarantined(campaign, a, "q1")
    released = quarantined(campaign, b, "q2")
    services.release_vote(vote=released, by=role_user(Role.POLITICAL_OFFICER))
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    rows = rows_of(client.get(reverse("campaigns:quarantine_export", args=[campaign.pk])))

    assert [row[1] for row in rows] == ["'=警甲"]
    assert "秒" in rows[0][2]
    assert AuditEntry.objects.filter(action="campaigns.quarantine.exported", data__rows=1).exists()
    assert client.get(reverse("campaigns:quarantine_export", args=[campaign.pk + 1000])).status_code == 404


@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_MANAGER, Role.JUDGE, Role.MEMBER])
def test_quarantine_export_is_refused_outside_the_political_department(client, police_campaign, role_user, role):
    campaign, (a, _b) = police_campaign
    quarantined(campaign, a, "q")
    client.force_login(role_user(role))
    assert client.get(reverse("campaigns:quarantine_export", args=[campaign.pk])).status_code in (403, 404)


def test_quarantine_export_queries_do_not_grow(client, police_campaign, role_user):
    campaign, (a, b) = police_campaign
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    quarantined(campaign, a, "q1")
    url = reverse("campaigns:quarantine_export", args=[campaign.pk])
    one = queries_for(client, url)
    quarantined(campaign, b, "q2")
    quarantined(campaign, a, "q3")
    assert len(rows_of(client.get(url))) == 3
    assert queries_for(client, url) == one
