"""The care demo: loads with the rest of the demo, is idempotent, and every care page renders for every demo login
(no 500; care pages only for the care officer, 我的关爱记录 for the member)."""

from django.core.management import call_command
from django.urls import reverse

from qunying.accounts.models import User
from qunying.care.models import (
    AssistanceCase,
    AwardDelivery,
    CareConsent,
    CareNotice,
    Entitlement,
    EntitlementRule,
    HealthEvent,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
)
from qunying.care.queries import honours_awaiting_delivery, referrals_overdue
from qunying.care.urls import urlpatterns
from qunying.demo.accounts import DEMO_USERS
from tests.care.sample_pages import sample_kwargs

MODELS = [
    AssistanceCase,
    AwardDelivery,
    CareConsent,
    CareNotice,
    Entitlement,
    EntitlementRule,
    HealthEvent,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
]


def test_demo_is_idempotent_and_shows_every_part(demo):
    counts = {model: model.objects.count() for model in MODELS}
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert {model: model.objects.count() for model in MODELS} == counts
    guanai = User.objects.get(username="guanai")
    assert PartnerHospital.objects.count() == 2
    assert (
        Entitlement.objects.filter(status="scheduled").exists() and Entitlement.objects.filter(status="used").exists()
    )
    assert (
        WelfareVisit.objects.filter(status="planned").exists() and WelfareVisit.objects.filter(status="done").exists()
    )
    assert referrals_overdue(guanai).exists()
    assert honours_awaiting_delivery(guanai).exists() and AwardDelivery.objects.exists()


def test_every_care_page_renders_for_each_demo_login(client, demo):
    kwargs = sample_kwargs()
    urls = [
        reverse(f"care:{p.name}", kwargs=kwargs[f"care:{p.name}"])
        if p.pattern.regex.groupindex
        else reverse(f"care:{p.name}")
        for p in urlpatterns
    ]
    for username, _name, role, _unit in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        for url in urls:
            status = client.get(url).status_code
            assert status < 500, f"{url} answered {status} for {username}"
            if role not in {"care_officer", "member"}:
                assert status in {403, 404, 405}, f"{url} answered {status} for {username}"
    client.force_login(User.objects.get(username="guanai"))
    assert "关爱工作台" in client.get(reverse("care:dashboard")).content.decode()
    client.force_login(User.objects.get(username="minjing"))
    page = client.get(reverse("care:my_records")).content.decode()
    assert "已同意" in page and "配偶病休" in page
