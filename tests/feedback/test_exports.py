"""Ratings exports: officer scores, interactions and callbacks as workbooks — the page's filters and scope, formula
text neutralised, reply text redacted, a constant number of queries."""

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.feedback.models import Callback
from tests.feedback.conftest import give_ratings, record, reply, sent_survey
from tests.xlsx import export_rows


def test_officer_scores_export_holds_the_units_officers_only(client, officers, role_user):
    give_ratings(officers["a"], satisfied=9, dissatisfied=1)
    give_ratings(officers["b"], satisfied=10)
    client.force_login(role_user("unit_manager", "station_a"))

    rows = export_rows(client.get(reverse("feedback:officer_export")))

    assert rows[0][:3] == ("名次", "姓名", "警号")
    assert [row[1] for row in rows[1:]] == ["甲所民警"]
    assert rows[1][5:9] == (10, 9, 0, 1)
    assert AuditEntry.objects.filter(action="feedback.scores.exported").exists()


def test_officer_scores_export_takes_the_pages_filters(client, officers, role_user, tree):
    give_ratings(officers["a"], satisfied=5)
    give_ratings(officers["squad"], satisfied=5)
    client.force_login(role_user("political_officer"))

    rows = export_rows(client.get(reverse("feedback:officer_export"), {"unit": tree["squad_a"].pk}))

    assert [row[1] for row in rows[1:]] == ["甲所中队民警"]


def test_interactions_export_neutralises_formulas_and_keeps_to_scope(client, officers, role_user, tree):
    record(officers["a"], number="=1+2")
    record(officers["b"], number="J-B-0001")
    client.force_login(role_user("unit_manager", "station_a"))

    rows = export_rows(client.get(reverse("feedback:interaction_export")))

    assert rows[0][0] == "接警编号"
    assert [row[0] for row in rows[1:]] == ["'=1+2"]
    assert rows[1][4] == "甲所民警（340101）"
    assert not any("13855556666" in str(cell) for row in rows for cell in row)  # never the citizen's phone


def test_interactions_export_of_a_unit_outside_the_scope_is_404(client, officers, role_user, tree):
    client.force_login(role_user("unit_manager", "station_a"))

    assert client.get(reverse("feedback:interaction_export"), {"unit": tree["station_b"].pk}).status_code == 404


def test_callbacks_export_redacts_numbers_and_keeps_to_scope(client, officers, role_user):
    sent_survey(officers["a"])
    reply("3 太慢了 我的电话13912345678")
    sent_survey(officers["b"], phone="13800001111")
    reply("3 乙所太慢", phone="13800001111")
    client.force_login(role_user("unit_manager", "station_a"))

    rows = export_rows(client.get(reverse("feedback:callback_export"), {"status": "open"}))

    assert Callback.objects.count() == 2
    assert len(rows) == 2
    assert "139*" in rows[1][3] and "13912345678" not in rows[1][3]
    assert rows[1][2] == "甲派出所"


def test_exports_are_refused_to_roles_that_do_not_read_ratings(client, role_user):
    client.force_login(role_user("sys_admin"))

    for name in ("officer_export", "interaction_export", "callback_export"):
        assert client.get(reverse(f"feedback:{name}")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_exports_run_a_constant_number_of_queries(client, officers, role_user, django_assert_num_queries, count):
    for number in range(count):
        phone = f"1380000{number:04d}"
        sent_survey(officers["a"], phone=phone)
        reply("3 不满意", phone=phone)
    give_ratings(officers["a"], satisfied=count)
    client.force_login(role_user("unit_manager", "station_a"))

    for name, queries in (("officer_export", 10), ("interaction_export", 11), ("callback_export", 9)):
        with django_assert_num_queries(queries):
            export_rows(client.get(reverse(f"feedback:{name}")))
