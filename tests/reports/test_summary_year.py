"""The annual summary true to its year (issue 18 rule 5): tiers as of 31 December from the tier history, honours
undelivered then, the file named once, “” quotes — and the demo's 2022 summary, read back with python-docx, holds no
figure about a later year."""

import datetime
import io
import re
from urllib.parse import unquote

import docx
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.accounts.models import User
from qunying.care.models import AwardDelivery
from qunying.reserve.enums import Tier
from qunying.reserve.models import TierChange
from tests.reports.builders import honour, person, reserve_entry

LATER_YEAR = re.compile(r"20(2[3-9]|[3-9]\d)")


def _text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _summary(client, year, **params):
    response = client.get(reverse("reports:summary_download"), {"year": year, **params})
    return response, _text(docx.Document(io.BytesIO(response.content)))


def test_the_demo_2022_summary_holds_no_later_figure_and_is_named_once(client, demo):
    client.force_login(User.objects.get(username="zhengzhichu"))

    response, text = _summary(client, 2022)

    assert "2022年度先进典型选树工作总结.docx" in unquote(response["Content-Disposition"])
    assert "先进典型选树工作2022" not in unquote(response["Content-Disposition"])
    assert not LATER_YEAR.search(text), LATER_YEAR.search(text)
    assert "目前" not in text and "截至2022年底" in text
    assert "'" not in text and "“辅警之星”8人" in text


def test_a_tier_counts_from_the_day_it_was_decided(client, tree, role_user):
    officer, leader = role_user(Role.POLITICAL_OFFICER), role_user(Role.LEADER)
    early, late = person(tree["station_a"], name="早典型"), person(tree["station_b"], name="晚典型")
    for someone, year in ((early, 2022), (late, 2023)):
        reserve_entry(someone, Tier.EXEMPLAR, officer=officer, leader=leader)
        TierChange.objects.filter(entry__person=someone).update(
            decided_at=datetime.datetime(year, 4, 1, 9, tzinfo=timezone.get_current_timezone())
        )
    client.force_login(officer)

    _response, text = _summary(client, 2022)

    assert "早典型（甲派出所）" in text and "2022-04起列为" in text
    assert "晚典型" not in text
    assert "截至2022年底，先进典型人物储备库有典型1人" in text


def test_honours_undelivered_at_the_year_end_are_counted_then(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    delivered_later = honour(person(tree["station_a"]), on=datetime.date(2022, 6, 1))
    honour(person(tree["station_a"]), on=datetime.date(2022, 6, 2))
    delivered_then = honour(person(tree["station_a"]), on=datetime.date(2022, 6, 3))
    for item, day in ((delivered_later, datetime.date(2023, 2, 1)), (delivered_then, datetime.date(2022, 7, 1))):
        AwardDelivery.objects.create(
            honour=item, method="at_post", delivered_on=day, delivered_by="所长", recorded_by=officer
        )
    client.force_login(officer)

    _response, text = _summary(client, 2022)

    assert "截至2022年底，仍有2件奖励待送奖。" in text
