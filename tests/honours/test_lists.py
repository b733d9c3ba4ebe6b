"""Who sees which honours: detail, list, search, export and figures never leak another unit's honours; filters,
query counts, the export's content and the person's timeline."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.honours import services
from qunying.honours.queries import honour_figures, honours_visible_to
from qunying.org.models import Unit
from qunying.org.rules import PEOPLE_READERS
from tests.factories import HonourFactory, PersonFactory

JUNE = datetime.date(2022, 6, 28)


@pytest.fixture
def honours(people, issuers, tree):
    return {
        "a": HonourFactory(
            person=people["a"], issuer=issuers["county_police"], awarded_on=JUNE, document_number="甲1号"
        ),
        "squad": HonourFactory(
            person=people["squad"], issuer=issuers["city_police"], awarded_on=JUNE, document_number="甲2号"
        ),
        "b": HonourFactory(
            person=people["b"], issuer=issuers["county_police"], awarded_on=JUNE, document_number="乙1号"
        ),
        "unit_b": HonourFactory(
            person=None,
            unit=tree["station_b"],
            issuer=issuers["county_police"],
            awarded_on=JUNE,
            document_number="乙集体1号",
        ),
    }


def export_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_honours_of_another_unit_do_not_leak(client, honours, role_user, role):
    client.force_login(role_user(role, "station_a"))

    for other in ("b", "unit_b"):
        assert client.get(reverse("honours:honour_detail", args=[honours[other].pk])).status_code == 404
    listing = client.get(reverse("honours:honour_list")).content.decode()
    searched = client.get(reverse("honours:honour_list"), {"q": "乙"}).content.decode()
    exported = export_rows(client.get(reverse("honours:honour_export")))
    assert "杨磊成" in listing and "周敏" in listing
    assert "吴乙所" not in listing and "乙派出所" not in listing and "乙1号" not in searched
    assert sorted(row[0] for row in exported[1:]) == sorted(["杨磊成", "周敏"])


def test_a_unit_filter_outside_the_scope_is_refused_for_the_export(client, honours, role_user, tree):
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    assert client.get(reverse("honours:honour_export"), {"unit": tree["station_b"].pk}).status_code == 404


def test_a_member_sees_only_their_own_honours(client, honours, people, role_user):
    member = role_user(Role.MEMBER, "station_a")
    people["a"].user = member
    people["a"].save(update_fields=["user"])
    client.force_login(member)

    listing = client.get(reverse("honours:honour_list"))

    assert [h.pk for h in listing.context["page"].object_list] == [honours["a"].pk]
    assert client.get(reverse("honours:honour_detail", args=[honours["a"].pk])).status_code == 200
    assert client.get(reverse("honours:honour_detail", args=[honours["squad"].pk])).status_code == 404
    assert client.get(reverse("honours:figures")).status_code == 403


@pytest.mark.parametrize("role", [Role.SYS_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.JUDGE])
def test_roles_without_people_data_read_no_honours(client, honours, role_user, role):
    user = role_user(role)
    client.force_login(user)

    assert not honours_visible_to(user).exists()
    assert client.get(reverse("honours:honour_list")).status_code == 403
    assert client.get(reverse("honours:honour_detail", args=[honours["a"].pk])).status_code == 404


def test_a_unit_honour_is_seen_over_that_unit(client, honours, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))

    page = client.get(reverse("honours:honour_detail", args=[honours["unit_b"].pk])).content.decode()

    assert "乙派出所" in page and "集体" in page


def test_filters_by_unit_subtree_year_award_issuer_level_and_status(client, honours, role_user, tree, awards, issuers):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    leader = role_user(Role.LEADER)
    services.revoke_honour(
        honours["b"], ground="撤销", approved_by=leader, revoked_on=JUNE, document_number="乙撤1号", by=leader
    )
    url = reverse("honours:honour_list")

    def listed(**params):
        return {h.document_number for h in client.get(url, params).context["page"].object_list}

    assert listed(unit=tree["station_a"].pk) == {"甲1号", "甲2号"}
    assert listed(unit=tree["station_b"].pk) == {"乙1号", "乙集体1号"}
    assert listed(year=2022, issuer_level="city") == {"甲2号"}
    assert listed(year=2021) == set()
    assert listed(date_from="2022-06-28", date_to="2022-06-28", status="revoked") == {"乙1号"}
    assert listed(award_type=awards["commendation"].pk, ladder="police", q="甲") == {"甲1号", "甲2号"}
    assert listed(unit="abc", year="x") == {"甲1号", "甲2号", "乙1号", "乙集体1号"}


@pytest.mark.parametrize("count", [1, 3])
def test_honour_list_query_count_does_not_grow(client, tree, issuers, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for _index in range(count):
        HonourFactory(person=PersonFactory(unit=tree["squad_a"]), issuer=issuers["county_police"], awarded_on=JUNE)
    HonourFactory(person=None, unit=tree["station_b"], issuer=issuers["county_police"], awarded_on=JUNE)

    with django_assert_num_queries(13):  # 13 with the issuer select of the filters
        response = client.get(reverse("honours:honour_list"))

    assert len(response.context["page"].object_list) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_export_query_count_does_not_grow(client, tree, issuers, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for _index in range(count):
        HonourFactory(person=PersonFactory(unit=tree["squad_a"]), issuer=issuers["county_police"], awarded_on=JUNE)

    with django_assert_num_queries(9):
        response = client.get(reverse("honours:honour_export"))
        rows = export_rows(response)

    assert len(rows) == count + 1


def test_export_writes_the_columns_neutralises_formulas_and_is_audited(client, people, issuers, role_user, tree):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    HonourFactory(
        person=people["a"],
        issuer=issuers["county_police"],
        awarded_on=JUNE,
        document_number='=HYPERLINK("http://x")',
        reason="@SUM(1)",
    )

    response = client.get(reverse("honours:honour_export"), {"unit": tree["station_a"].pk})
    header, row = export_rows(response)

    assert response["Content-Disposition"].startswith("attachment")
    assert header[:4] == ("获奖对象", "警号", "单位", "奖励")
    assert row[:7] == ("杨磊成", "340101", "甲派出所", "嘉奖", "公安奖励", "测试市公安局", "县级")
    assert row[8] == '\'=HYPERLINK("http://x")' and row[9] == "'@SUM(1)"
    entry = AuditEntry.objects.get(action="honours.honours.exported")
    assert entry.actor == officer and entry.data == {"filters": {"unit": tree["station_a"].pk}, "honours": 1}


def test_the_timeline_lists_honours_with_revoked_ones_marked(client, honours, people, role_user):
    leader = role_user(Role.LEADER)
    services.revoke_honour(
        honours["a"], ground="事迹不实", approved_by=leader, revoked_on=JUNE, document_number="巢撤1号", by=leader
    )
    HonourFactory(person=people["a"], award_type="merit_class_3", issuer=honours["squad"].issuer, awarded_on=JUNE)
    client.force_login(leader)

    page = client.get(reverse("org:person_detail", args=[people["a"].pk])).content.decode()

    assert "嘉奖（已撤销）" in page and "测试市公安局 甲1号" in page and "2022-06-28撤销：事迹不实" in page
    assert "三等功" in page and "上级市公安局" in page


# --- figures ---------------------------------------------------------------------------------------------------------


def test_figures_count_distinct_people_per_issuer_and_award(tree, people, issuers, role_user):
    for issuer, person, day in [
        ("city_police", "a", 1),
        ("city_police", "squad", 2),
        ("county_party", "a", 3),
        ("county_police", "a", 4),
        ("county_police", "b", 5),
    ]:
        HonourFactory(person=people[person], issuer=issuers[issuer], awarded_on=datetime.date(2022, 6, day))
    HonourFactory(
        person=people["a"],
        issuer=issuers["county_police"],
        awarded_on=datetime.date(2022, 8, 1),
        award_type="public_praise",
    )
    HonourFactory(person=people["a"], issuer=issuers["county_police"], awarded_on=datetime.date(2021, 6, 1))
    revoked = HonourFactory(
        person=people["squad"], issuer=issuers["county_police"], awarded_on=datetime.date(2022, 7, 1)
    )
    leader = role_user(Role.LEADER)
    services.revoke_honour(
        revoked,
        ground="撤销",
        approved_by=leader,
        revoked_on=datetime.date(2022, 7, 2),
        document_number="撤1号",
        by=leader,
    )
    HonourFactory(
        person=None, unit=tree["station_a"], issuer=issuers["county_police"], awarded_on=datetime.date(2022, 6, 9)
    )

    station_a = Unit.objects.filter(path__startswith=tree["station_a"].path)
    everything = Unit.objects.all()

    def table(units):
        return [(row.issuer.cited_name, row.award_type.code, row.people) for row in honour_figures(units, 2022)]

    assert table(everything) == [
        ("上级市局", "commendation", 2),
        ("测试市委组织部、疫情防控办公室", "commendation", 1),
        ("测试市局", "commendation", 2),
        ("测试市局", "public_praise", 1),
    ]
    assert table(station_a) == [
        ("上级市局", "commendation", 2),
        ("测试市委组织部、疫情防控办公室", "commendation", 1),
        ("测试市局", "commendation", 1),
        ("测试市局", "public_praise", 1),
    ]


def test_figures_take_three_queries(tree, people, issuers, django_assert_num_queries):
    HonourFactory(person=people["a"], issuer=issuers["county_police"], awarded_on=JUNE)
    HonourFactory(person=people["b"], issuer=issuers["city_police"], awarded_on=JUNE)

    with django_assert_num_queries(3):
        rows = honour_figures(Unit.objects.all(), 2022)

    assert len(rows) == 2


def test_the_figures_page_shows_the_table_and_the_sentence_within_scope(client, honours, role_user, tree):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("honours:figures"), {"year": 2022})
    other = client.get(reverse("honours:figures"), {"year": 2022, "unit": tree["station_b"].pk})

    page = response.content.decode()
    assert "获上级市局嘉奖1人，获测试市局嘉奖1人" in page
    assert [(row.issuer.name, row.people) for row in response.context["rows"]] == [
        ("上级市公安局", 1),
        ("测试市公安局", 1),
    ]
    assert other.context["rows"] == []


@pytest.mark.parametrize("count", [1, 3])
def test_figures_page_query_count_does_not_grow(client, tree, issuers, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        issuer = issuers["county_police"] if index % 2 else issuers["city_police"]
        HonourFactory(person=PersonFactory(unit=tree["squad_a"]), issuer=issuer, awarded_on=JUNE)

    with django_assert_num_queries(12):
        response = client.get(reverse("honours:figures"), {"year": 2022})

    assert sum(row.people for row in response.context["rows"]) == count
