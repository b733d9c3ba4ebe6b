"""Ratings pages: scope (an officer sees their own, a unit manager their units), no citizen number anywhere, and
constant query counts for every list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment
from qunying.core.models import AuditEntry
from qunying.feedback.models import Callback, SurveyReply
from qunying.feedback.queries import replies_visible_to, surveys_visible_to
from tests.factories import PersonFactory, UserFactory
from tests.feedback.conftest import PHONE, give_ratings, reply, sent_survey

TYPED_PHONE = "13912345678"  # a number a citizen typed into a reply


@pytest.fixture
def rated(officers, settings):
    """Surveys, replies and a callback at both stations; citizens' phones everywhere in the data."""
    settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS = 0
    for key, phone in (("a", PHONE), ("b", "13700001111")):
        sent_survey(officers[key], phone=phone)
        reply(f"3 请回电 {TYPED_PHONE}", phone=phone)
        sent_survey(officers[key], phone=phone)
        reply("嗯嗯", phone=phone)
    give_ratings(officers["a"], satisfied=20, basic=1)
    give_ratings(officers["b"], satisfied=30, dissatisfied=1)
    return officers


def names_on(response) -> set[str]:
    return {row.person.name for row in response.context["page"].object_list}


def test_a_unit_manager_sees_the_officers_of_their_units_only(client, rated, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    listing = client.get(reverse("feedback:officer_list"))

    assert names_on(listing) == {"甲所民警"}
    assert client.get(reverse("feedback:officer_detail", args=[rated["b"].pk])).status_code == 404
    assert client.get(reverse("feedback:officer_detail", args=[rated["a"].pk])).status_code == 200
    assert "乙所民警" not in client.get(reverse("feedback:dashboard")).content.decode()


def test_interactions_and_replies_of_another_unit_do_not_leak(client, rated, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))
    theirs = rated["a"].service_interactions.first()
    their_reply = SurveyReply.objects.get(status="unparseable", survey__interaction__unit=rated["a"].unit)

    listing = client.get(reverse("feedback:interaction_list"))
    searched = client.get(reverse("feedback:interaction_list"), {"q": theirs.incident_number})
    coding = client.get(reverse("feedback:reply_coding"))
    coded = client.post(reverse("feedback:reply_code", args=[their_reply.pk]), {"rating": ""})

    assert {i.unit.name for i in listing.context["page"].object_list} == {"乙派出所"}
    assert list(searched.context["page"].object_list) == []
    assert {r.survey.interaction.unit.name for r in coding.context["page"].object_list} == {"乙派出所"}
    assert coded.status_code == 404
    their_reply.refresh_from_db()
    assert their_reply.status == "unparseable"


def test_an_officer_sees_only_their_own_ratings(client, rated):
    member = UserFactory()
    rated["a"].user = member
    rated["a"].save(update_fields=["user"])
    RoleAssignment.objects.create(user=member, role=Role.MEMBER, unit=rated["a"].unit)
    client.force_login(member)

    own = client.get(reverse("feedback:my_ratings"))

    assert client.get(reverse("feedback:dashboard")).url == reverse("feedback:my_ratings")
    assert own.status_code == 200 and "我的群众评价" in own.content.decode()
    assert own.context["score"].tally.n == 22
    assert client.get(reverse("feedback:officer_detail", args=[rated["b"].pk])).status_code == 404
    assert client.get(reverse("feedback:officer_list")).status_code == 403
    assert client.get(reverse("feedback:interaction_list")).status_code == 403


@pytest.mark.parametrize("role", [Role.JUDGE, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.AUDIT_ADMIN])
def test_other_roles_read_no_ratings(client, rated, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("feedback:dashboard")).status_code == 403
    assert client.get(reverse("feedback:officer_detail", args=[rated["a"].pk])).status_code == 404


def test_no_citizen_phone_on_any_page_or_in_the_audit_log(client, rated, role_user):
    Callback.objects.update(due_at=timezone.now() - datetime.timedelta(hours=2))
    callback = Callback.objects.filter(unit=rated["a"].unit).first()
    reply_to_code = rated["a"].service_interactions.filter(survey__replies__status="unparseable").first()
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    pages = [
        reverse("feedback:dashboard"),
        reverse("feedback:officer_list"),
        reverse("feedback:officer_detail", args=[rated["a"].pk]),
        reverse("feedback:interaction_list"),
        reverse("feedback:reply_coding"),
        reverse("feedback:callback_list"),
        reverse("feedback:callback_detail", args=[callback.pk]),
        reverse("feedback:sampling"),
        reverse("feedback:simulator"),
        reverse("org:person_detail", args=[rated["a"].pk]),
    ]
    assert reply_to_code is not None
    client.post(reverse("feedback:callback_detail", args=[callback.pk]), {"status": "closed", "outcome": "已回访"})

    bodies = [client.get(url).content.decode() for url in pages]
    client.force_login(role_user(Role.AUDIT_ADMIN))
    bodies.append(client.get(reverse("core:audit_list")).content.decode())

    for url, body in zip([*pages, "audit"], bodies, strict=True):
        for number in (PHONE, "13700001111", TYPED_PHONE):
            assert number not in body, f"{number} on {url}"
    assert all(PHONE not in str(entry.data) for entry in AuditEntry.objects.all())


@pytest.mark.parametrize(("role", "unit"), [(Role.UNIT_MANAGER, "station_a"), (Role.POLITICAL_OFFICER, None)])
def test_the_dashboard_reads_from_the_summaries_what_the_raw_rows_in_scope_say(client, rated, role_user, role, unit):
    user = role_user(role, unit) if unit else role_user(role)
    client.force_login(user)
    replies = replies_visible_to(user).filter(counted=True)
    surveys = surveys_visible_to(user)

    context = client.get(reverse("feedback:dashboard")).context

    period = context["period"]
    in_period = replies.filter(received_at__gte=period.start, received_at__lt=period.end)
    assert context["ratings"]["n"] == in_period.count()
    assert context["ratings"]["dissatisfied"] == in_period.filter(rating="dissatisfied").count()
    assert (
        context["figures"]["sent"]
        == surveys.filter(
            sent_at__isnull=False, interaction__occurred_at__gte=period.start, interaction__occurred_at__lt=period.end
        ).count()
    )
    assert context["interactions_total"] == surveys.count()
    first = timezone.make_aware(datetime.datetime.combine(context["trend"][0].month, datetime.time()))
    assert sum(row.replies for row in context["trend"]) == replies.filter(received_at__gte=first).count()


def test_the_dashboard_explains_the_formula(client, rated, role_user):
    client.force_login(role_user(Role.LEADER))

    page = client.get(reverse("feedback:dashboard")).content.decode()

    assert "公平得分的计算方法" in page and "θ = (x + μ·M) / (n + M)" in page
    assert "逐月情况" in page


def test_the_profile_timeline_shows_monthly_ratings(client, rated, role_user):
    client.force_login(role_user(Role.PUBLICITY_EDITOR))

    page = client.get(reverse("org:person_detail", args=[rated["a"].pk])).content.decode()

    assert "月群众评价" in page and "有效回复" in page


# --- Query counts: 1 and 3 items, the same literal count.


def many(count: int, tree) -> None:
    """`count` officers, each with ratings, an interaction, a sent survey, an unclear reply and a callback."""
    for index in range(count):
        person = PersonFactory(unit=tree["station_a"])
        give_ratings(person, satisfied=3)
        sent_survey(person, phone=f"1390000{index:04d}")
        reply("谢谢你们", phone=f"1390000{index:04d}")
        reply("3 不行", phone=f"1390000{index:04d}")


LISTS = [
    ("feedback:officer_list", "page", 12),
    ("feedback:interaction_list", "page", 13),  # the page's units in one query of their own
    ("feedback:reply_coding", "page", 10),
    ("feedback:callback_list", "page", 10),
    ("feedback:simulator", "rows", 11),
    ("feedback:dashboard", "top", 16),
]


@pytest.mark.parametrize(("name", "key", "queries"), LISTS)
@pytest.mark.parametrize("count", [1, 3])
def test_ratings_lists_query_count_does_not_grow(
    client, tree, role_user, django_assert_num_queries, name, key, queries, count
):
    many(count, tree)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))

    items = response.context[key]
    assert len(getattr(items, "object_list", items)) >= count
