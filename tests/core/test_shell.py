"""The UI shell: security headers, the public base template, the admin's calendar overrides."""

import datetime
import re

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from qunying.accounts.models import User
from qunying.core.models import AuditEntry, CalendarOverride


def test_pages_carry_a_same_origin_content_security_policy(client, db):
    response = client.get(reverse("accounts:login"))

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self'[^;]*;", policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_public_base_template_is_phone_friendly_and_self_hosted(db):
    template = Template('{% extends "public_base.html" %}{% block content %}<p>公开内容</p>{% endblock %}')
    request = RequestFactory().get("/honours/")

    html = template.render(Context({"request": request, "csrf_token": "x"}))

    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "公开内容" in html and "公安群英榜" in html
    assert "http://" not in html and "https://" not in html


def test_sys_admin_keeps_calendar_overrides_in_the_admin_and_each_edit_is_audited(client, demo):
    client.force_login(User.objects.get(username="sysadmin"))

    response = client.post(
        reverse("admin:core_calendaroverride_add"),
        {"date": "2027-02-08", "is_working_day": "", "note": "2027 春节"},
    )

    assert response.status_code == 302
    override = CalendarOverride.objects.get(date=datetime.date(2027, 2, 8))
    assert override.is_working_day is False
    entry = AuditEntry.objects.get(action="core.calendar_override.set")
    assert entry.actor.username == "sysadmin"
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 403
