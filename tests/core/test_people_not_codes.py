"""People and actions as people read them on the demo (issue 19 item 6): the dossier (web and Word), the reserve
history and the decisions awaiting, the judges' assignments and the audit page name people 姓名（单位）, never by their
login, and actions by their Chinese label, never a dotted audit code such as `campaigns.winners.propose`."""

import io
import re

from django.urls import reverse
from docx import Document

from qunying.accounts.models import User
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign
from qunying.core.services import log_action
from qunying.demo.accounts import DEMO_USERS
from qunying.reserve.models import ReserveEntry
from tests.test_chinese_pages import ReadText

LOGINS = {username for username, *_ in DEMO_USERS}
AUDIT_CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\.[a-z_.]+\b")


class AllText(ReadText):
    """Every text of the page, codes (`<code>`) included: a code shown there is still shown."""

    def handle_data(self, data):
        self.parts.append(data)


def read_text(html: str) -> str:
    reader = AllText()
    reader.feed(html)
    return " ".join(reader.parts)


def codes_and_logins(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z_]+", text))
    return set(AUDIT_CODE.findall(text)) | (words & LOGINS)


def test_the_reader_finds_a_code_and_a_login():
    assert codes_and_logins("2024-09-02 campaigns.winners.propose zhengzhichu 政治处") == {
        "campaigns.winners.propose",
        "zhengzhichu",
    }


def decided_campaign() -> Campaign:
    """A closed demo campaign whose last phase change the political department made (the demo's run as the system)."""
    campaign = Campaign.objects.filter(phase=Phase.CLOSED).order_by("-period_start").first()
    officer = User.objects.get(username="zhengzhichu")
    log_action(campaign, "campaigns.campaign.advance", by=officer, data={"from": "notice", "to": "closed"})
    return campaign


def test_the_dossier_names_people_and_actions_in_chinese(client, demo):
    client.force_login(User.objects.get(username="zhengzhichu"))
    campaign = decided_campaign()
    page = client.get(reverse("campaigns:dossier", args=[campaign.pk])).content.decode()
    text = read_text(page)
    assert codes_and_logins(text) == set()
    assert "阶段" in text and "政治处演示账号（" in text  # the trail is there, its actor as 姓名（单位）

    response = client.get(reverse("campaigns:dossier_docx", args=[campaign.pk]))
    document = Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    words = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert codes_and_logins(words) == set()
    assert "政治处演示账号（" in words


def test_a_phase_change_in_the_dossier_reads_as_phase_names(client, demo):
    client.force_login(User.objects.get(username="zhengzhichu"))
    campaign = decided_campaign()
    page = read_text(client.get(reverse("campaigns:dossier", args=[campaign.pk])).content.decode())
    assert "公示 → 已结束" in page
    assert "notice" not in page.split()


def test_the_reserve_history_and_the_awaiting_list_name_people(client, demo):
    client.force_login(User.objects.get(username="zhengzhichu"))
    entry = ReserveEntry.objects.filter(tier_changes__isnull=False).order_by("pk").first()
    for url in (reverse("reserve:entry_detail", args=[entry.pk]), reverse("reserve:awaiting")):
        assert codes_and_logins(read_text(client.get(url).content.decode())) == set(), url


def test_the_judges_assignments_name_judges(client, demo):
    client.force_login(User.objects.get(username="zhengzhichu"))
    campaign = Campaign.objects.filter(nominations__assignments__isnull=False).order_by("-period_start").first()
    page = read_text(client.get(reverse("campaigns:assignments", args=[campaign.pk])).content.decode())
    assert codes_and_logins(page) == set()


def test_the_audit_page_shows_actions_and_actors_as_words(client, demo):
    client.force_login(User.objects.get(username="auditor"))
    page = client.get(reverse("core:audit_list"), {"action": "campaigns"}).content.decode()
    rows = re.findall(r"<tr>\s*<td class=\"text-nowrap\">.*?</tr>", page, re.S)
    assert rows
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        actor_and_action = read_text(cells[1] + " " + cells[2])
        assert codes_and_logins(actor_and_action) == set(), actor_and_action
    assert "评选活动阶段推进" in page
