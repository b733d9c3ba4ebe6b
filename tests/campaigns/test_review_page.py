"""A judge's review in the demo bureau: the evidence to weigh on the page, on to the next unscored nominee after
submitting, evidence files for the assigned judge only, judging progress on the campaign page without the scores."""

from django.urls import reverse

from qunying.accounts.models import User
from qunying.campaigns.models import JudgeAssignment
from qunying.campaigns.queries import review_evidence_files, reviews_to_score


def _judge(client, username="pingwei"):
    judge = User.objects.get(username=username)
    client.force_login(judge)
    return judge


def _score_form(assignment) -> dict:
    criteria = assignment.nomination.campaign.campaign_type.criteria.all()
    data = {}
    for criterion in criteria:
        data[f"score_{criterion.pk}"] = str(criterion.max_score)
    return data


def test_review_page_shows_the_evidence_and_links(client, demo):
    judge = _judge(client)
    assignment = reviews_to_score(judge).first()
    nomination = assignment.nomination

    page = client.get(reverse("campaigns:review", args=[assignment.pk])).content.decode()

    assert nomination.statement.splitlines()[0] in page
    assert f'href="{reverse("campaigns:campaign_detail", args=[nomination.campaign.pk])}"' in page
    for section in ("statement", "deeds", "honours", "ratings", "reserve"):
        assert f'data-evidence="{section}"' in page
    deeds = list(nomination.deeds.all())
    assert deeds, "the demo nominates people with their verified deeds"
    for deed in deeds:
        assert deed.title in page
        assert deed.date.strftime("%Y-%m-%d") in page
    assert "已核实的事迹" in page and "下一位" in page


def test_submitting_a_review_goes_on_to_the_next_unscored_nominee(client, demo):
    judge = _judge(client)
    first, second, *rest = list(reviews_to_score(judge))

    response = client.post(reverse("campaigns:review", args=[first.pk]), _score_form(first), follow=True)

    assert response.redirect_chain[-1][0] == reverse("campaigns:review", args=[second.pk])
    first.refresh_from_db()
    assert first.submitted_at is not None
    assert f"下一位：{second.nomination.person.name}" in response.content.decode()
    for assignment in [second, *rest]:
        last = client.post(reverse("campaigns:review", args=[assignment.pk]), _score_form(assignment), follow=True)
    assert last.redirect_chain[-1][0] == reverse("campaigns:review_list")
    assert "全部评完" in last.content.decode()
    assert not reviews_to_score(judge).exists()


def test_the_menu_counts_my_reviews_to_score(client, demo):
    judge = _judge(client)
    count = reviews_to_score(judge).count()

    page = client.get(reverse("campaigns:review_list"), {"todo": "on"}).content.decode()

    assert count == 3
    assert "我的评审" in page
    assert f'title="待办">{count}</span>' in page


def test_evidence_files_reach_the_assigned_judge_only(client, demo):
    judge = User.objects.get(username="pingwei")
    evidence = review_evidence_files(judge).first()
    if evidence is None:  # the demo's nominees may have no evidence file: nothing more to check
        return
    client.force_login(judge)
    assert client.get(reverse("campaigns:review_evidence_file", args=[evidence.pk])).status_code == 200

    client.force_login(User.objects.get(username="bantang"))
    assert client.get(reverse("campaigns:review_evidence_file", args=[evidence.pk])).status_code == 404


def test_campaign_page_shows_judging_progress_without_scores(client, demo):
    judge = User.objects.get(username="pingwei")
    assignment = reviews_to_score(judge).first()
    campaign = assignment.nomination.campaign
    client.force_login(judge)
    client.post(reverse("campaigns:review", args=[assignment.pk]), _score_form(assignment))
    client.force_login(User.objects.get(username="zhengzhichu"))

    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()

    assert "评审进度" in page
    assigned = JudgeAssignment.objects.filter(nomination__campaign=campaign, judge=judge, recused=False).count()
    assert f'data-judge="pingwei"><td>{judge.full_name}</td><td class="text-end">1 / {assigned}</td>' in page
    assert "其他评委的评分" not in page
