"""The reserve demo: activities, visits and evaluation rounds load with the rest of the demo, a second run adds
nothing, and every reserve page renders for every demo login, for the public and in English (no 500)."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.models import User
from qunying.core.models import AuditEntry
from qunying.demo.accounts import DEMO_USERS
from qunying.reserve.models import (
    AnnualEvaluation,
    EvaluationRound,
    FollowUp,
    GuidanceVisit,
    PracticeActivity,
    ReserveEntry,
    TierChange,
)
from tests.reserve.sample_pages import sample_kwargs
from tests.test_every_page import assert_page_is_sound, named_patterns

MODELS = [AnnualEvaluation, EvaluationRound, FollowUp, GuidanceVisit, PracticeActivity, ReserveEntry, TierChange]


def test_the_reserve_demo_is_consistent_idempotent_and_every_page_renders(client, demo):
    counts = {model: model.objects.count() for model in MODELS}
    audits = AuditEntry.objects.filter(action__startswith="reserve.").count()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert {model: model.objects.count() for model in MODELS} == counts
    assert AuditEntry.objects.filter(action__startswith="reserve.").count() == audits
    last = EvaluationRound.objects.get(year=2025)
    assert last.status == "closed" and set(last.evaluations.values_list("status", flat=True)) == {"approved"}
    current = EvaluationRound.objects.get(year=timezone.localdate().year)
    assert current.status == "open"
    assert set(current.evaluations.values_list("status", flat=True)) == {"due", "recorded", "approved"}
    assert PracticeActivity.objects.filter(date__year=2022).exists() and GuidanceVisit.objects.count() == 2
    assert FollowUp.objects.filter(done_on__isnull=True, due_on__lt=timezone.localdate()).exists()

    kwargs = sample_kwargs()
    names = [(name, params) for name, params in named_patterns() if name.startswith("reserve:")]
    urls = [reverse(name, kwargs=kwargs[name]) if params else reverse(name) for name, params in names]
    for username, *_ in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert_page_is_sound(client.get(url), url, username)
    client.logout()
    for url in urls:
        assert_page_is_sound(client.get(url), url, "anonymous")
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.get(username="zhengzhichu"))
    for url in urls:
        assert_page_is_sound(client.get(url), url, "zhengzhichu (en)")
