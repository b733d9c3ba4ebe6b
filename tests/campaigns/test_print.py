"""Printing from the browser: the public notice and the dossier link one static print stylesheet (A4, @media
print, no inline styles), and the dossier page shows anomalies and the approval trail like the Word file."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from tests.campaigns.conftest import DAY, judge_all, move


def test_the_print_stylesheet_is_a4_and_print_only():
    path = finders.find("campaigns/print.css")
    assert path is not None
    css = Path(path).read_text(encoding="utf-8")
    assert "@media print" in css and "size: A4" in css and "thead" in css
    # Every rule sits inside the print media query: nothing changes on screen.
    outside = re.sub(r"/\*.*?\*/", "", css, flags=re.S).split("@media print", 1)[0].strip()
    assert outside == ""


def test_notice_and_dossier_link_the_stylesheet_without_inline_styles(client, campaign, aux, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=aux["b"], statement="抗洪抢险", by=officer)
    judge_all(campaign, [], {role_user("judge"): {nomination: 9}})
    move(campaign, Phase.DECIDING)
    services.propose_winners(campaign=campaign, winners=[nomination], by=officer)
    services.approve_winners(campaign=campaign, by=role_user("leader"), today=DAY)
    notice = client.get(reverse("campaigns:public_notice", args=[campaign.pk])).content.decode()
    client.force_login(officer)
    dossier = client.get(reverse("campaigns:dossier", args=[campaign.pk])).content.decode()
    for page in (notice, dossier):
        assert "/static/campaigns/print.css" in page
        assert "style=" not in page and "<style" not in page
    assert "qy-print-hide" in notice and "测试市公安局" in notice  # the objection form hides; the issuer signs
    assert "qy-print-dossier" in dossier
    assert "审定获评人选" in dossier and "campaigns.winners.approve" not in dossier and "辅警丙（乙派出所）" in dossier
