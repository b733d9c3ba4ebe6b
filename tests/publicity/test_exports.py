"""Excel exports of the imported articles, the columns and the plan items: the list's rows and scope, other roles
refused, formula text neutralised, each export audited, constant queries."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from qunying.core.models import AuditEntry
from qunying.publicity import services
from qunying.publicity.enums import PlanItemStatus
from qunying.publicity.models import ArticleImport, Column
from qunying.publicity.services import import_article
from qunying.publicity.services.plans import quarter_bounds, quarter_of

SAMPLE = Path(__file__).resolve().parent / "samples" / "article-garbled.txt"
TODAY = timezone.localdate()
YEAR, QUARTER = quarter_of(TODAY)
FIRST, LAST = quarter_bounds(YEAR, QUARTER)


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.values)[1:]


def make_article(title="三个一线"):
    # Under its own title: the same article imported twice is recognised and proposed once.
    data = SAMPLE.read_text(encoding="utf-8").replace("青山縣公安局:", f"{title}:", 1).encode()
    article = import_article(data=data, filename="a.txt", by=None)
    ArticleImport.objects.filter(pk=article.pk).update(title=title)
    return article


def make_column(name):
    return Column.objects.create(name=name, description="说明", position=1)


def make_plan_item(unit, title, *, quarter=QUARTER):
    plan = services.create_plan(unit=unit, year=YEAR, quarter=quarter, by=None)
    due_on = quarter_bounds(YEAR, quarter)[1]
    return services.add_plan_item(plan, kind="story", title=title, owner="王科长", due_on=due_on, by=None)


def test_plan_items_export_with_their_status_in_scope_and_audited(client, tree, role_user):
    plan = services.create_plan(unit=tree["station_a"], year=YEAR, quarter=QUARTER, by=None)
    services.add_plan_item(plan, kind="story", title="逾期事项", owner="王", due_on=FIRST, by=None)
    services.add_plan_item(plan, kind="story", title="待办事项", owner="王", due_on=LAST, by=None)
    other = services.create_plan(unit=tree["station_b"], year=YEAR, quarter=QUARTER, by=None)
    services.add_plan_item(other, kind="story", title="乙所事项", owner="李", due_on=LAST, by=None)
    editor = role_user("publicity_editor", "station_a")
    client.force_login(editor)

    rows = rows_of(client.get(reverse("publicity:plan_export")))

    with translation.override("zh-hans"):
        slipped, pending = str(PlanItemStatus.SLIPPED.label), str(PlanItemStatus.PENDING.label)
    by_title = {row[3]: row for row in rows}
    if FIRST < TODAY:
        assert by_title["逾期事项"][6] == slipped
    assert by_title["待办事项"][6] == pending and by_title["待办事项"][1] == "甲派出所"
    assert "乙所事项" not in by_title
    entry = AuditEntry.objects.get(action="publicity.plan_items.exported")
    assert entry.actor == editor and entry.data["rows"] == 2


def test_the_list_pages_offer_the_export_with_the_query_string(client, role_user):
    client.force_login(role_user("political_officer"))
    for page, export in [
        ("article_list", "article_export"),
        ("column_list", "column_export"),
        ("plan_list", "plan_export"),
    ]:
        body = client.get(reverse(f"publicity:{page}"), {"page": "1"}).content.decode()
        assert f'href="{reverse(f"publicity:{export}")}?page=1"' in body, page


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("article_export", "unit_manager"),
        ("article_export", "member"),
        ("article_export", "leader"),
        ("plan_export", "unit_manager"),
        ("plan_export", "member"),
        ("plan_export", "care_officer"),
        ("column_export", "sys_admin"),
        ("column_export", "audit_admin"),
    ],
)
def test_roles_without_access_are_refused(client, role_user, name, role):
    client.force_login(role_user(role))
    assert client.get(reverse(f"publicity:{name}")).status_code == 403
    assert not AuditEntry.objects.filter(action__endswith=".exported").exists()


def test_formula_text_is_neutralised(client, tree, role_user):
    make_article("=HYPERLINK(1)")
    make_column("=栏目")
    make_plan_item(tree["station_a"], "+cmd")
    client.force_login(role_user("political_officer"))

    assert [row[0] for row in rows_of(client.get(reverse("publicity:article_export")))] == ["'=HYPERLINK(1)"]
    assert "'=栏目" in [row[0] for row in rows_of(client.get(reverse("publicity:column_export")))]
    assert [row[3] for row in rows_of(client.get(reverse("publicity:plan_export")))] == ["'+cmd"]


def test_articles_and_columns_exports_are_audited(client, role_user):
    make_article()
    user = role_user("publicity_editor")
    client.force_login(user)
    assert len(rows_of(client.get(reverse("publicity:article_export")))) == 1
    client.get(reverse("publicity:column_export"))
    assert AuditEntry.objects.get(action="publicity.article_imports.exported").data["rows"] == 1
    assert AuditEntry.objects.get(action="publicity.columns.exported").actor == user


MAKERS = {
    "article_export": lambda tree, index: make_article(f"文章{index}"),
    "column_export": lambda tree, index: make_column(f"栏目{index}"),
    "plan_export": lambda tree, index: make_plan_item(tree["station_a"], f"事项{index}", quarter=index + 1),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_exports_run_in_constant_queries(client, tree, role_user, name):
    client.force_login(role_user("political_officer"))
    counts, sizes = [], []
    for index in range(3):
        MAKERS[name](tree, index)
        if index in (0, 2):  # with 1 item, then with 3
            with CaptureQueriesContext(connection) as queries:
                sizes.append(len(rows_of(client.get(reverse(f"publicity:{name}")))))
            counts.append(len(queries))
    assert sizes[1] - sizes[0] == 2
    assert counts[0] == counts[1]
