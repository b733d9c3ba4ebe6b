"""Demo data for publicity (idempotent): the sample article imported for confirmation, and stories about the
demo's honoured people — two published with consent, one in review."""

import datetime
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.models import Unit
from qunying.publicity import services
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import (
    ArticleImport,
    Column,
    MediaPlacement,
    OutreachEvent,
    PlanItem,
    PublicityPlan,
    Story,
)
from qunying.publicity.services.plans import quarter_bounds, quarter_of

SAMPLE = Path(__file__).resolve().parent / "data" / "article-sample.txt"
BODY = (
    "**{name}**同志扎根{unit}，{award}。\n\n"
    "> 群众的事无小事。\n\n"
    "他（她）的事迹在全局引起强烈反响，是新时代公安队伍的优秀代表。"
)


def load(stdout) -> None:
    if not ArticleImport.objects.filter(filename=SAMPLE.name).exists():
        article = services.import_article(data=SAMPLE.read_bytes(), filename=SAMPLE.name, by=None)
        stdout.write(f"宣传：已导入示例报道“{article.title}”，待确认")
    honours = (
        Honour.objects.filter(status=HonourStatus.ACTIVE, person__isnull=False, person__classified=False)
        .select_related("person__unit", "award_type")
        .order_by("awarded_on", "pk")
    )
    seen, chosen = set(), []
    for honour in honours:
        if honour.person_id not in seen:
            seen.add(honour.person_id)
            chosen.append(honour)
        if len(chosen) == 3:
            break
    column = Column.objects.filter(name="公安群英榜").first()
    for index, honour in enumerate(chosen):
        person = honour.person
        title = f"{person.unit.name}{person.name}：平凡岗位上的坚守"
        if Story.objects.filter(title=title).exists():
            continue
        story = services.create_story(
            title=title,
            body=BODY.format(name=person.name, unit=person.unit.name, award=f"获{honour.award_type.name}"),
            unit=person.unit,
            people=[person],
            columns=[column] if column else [],
            honours=[honour],
            by=None,
        )
        services.submit_story(story, by=None)
        if index == 2:
            continue  # left in review at the first step
        for _ in range(3):
            story = services.review_story(story, decision="approve", comment="同意", by=None)
        services.record_consent(story.featured.get(), given_by="self", note="本人书面同意", by=None)
        services.publish_story(story, by=None)
        stdout.write(f"宣传：典型事迹稿件“{title}”")
    load_outreach(stdout)


def load_outreach(stdout) -> None:
    """Placements and talks around the published demo stories, a photo, and the bureau's plan for the current
    quarter with done, pending and slipped items. Idempotent: keyed by titles."""
    stories = list(Story.objects.filter(status=StoryStatus.PUBLISHED, source_article=None).order_by("pk")[:2])
    bureau = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if not stories or bureau is None:
        return
    today = timezone.localdate()
    year, quarter = quarter_of(today)
    first, last = quarter_bounds(year, quarter)
    recent = max(first, today - datetime.timedelta(days=10))
    story = stories[0]
    people = [featured.person for featured in story.featured.select_related("person")]
    if not story.photos.exists():
        buffer = io.BytesIO()
        Image.new("RGB", (640, 400), (32, 84, 160)).save(buffer, format="JPEG")
        upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")
        services.add_story_photo(story, upload=upload, caption="事迹照片（演示）", by=None)
    plan = PublicityPlan.objects.filter(unit=bureau, year=year, quarter=quarter).first()
    if plan is None:
        plan = services.create_plan(unit=bureau, year=year, quarter=quarter, by=None)
        items = [
            ("placement", "市电视台《警界》栏目专题报道", "宣传科 王科长", recent),
            ("event", "先进典型微党课进基层所队", "政治处 李干事", recent),
            ("story", "“辅警风采”专栏人物稿", "宣传科 张干事", max(first, today - datetime.timedelta(days=1))),
            ("placement", "新媒体短视频《身边的榜样》", "宣传科 王科长", last),
        ]
        for kind, title, owner, due_on in items:
            services.add_plan_item(plan, kind=kind, title=title, owner=owner, due_on=due_on, by=None)
    tv_item = PlanItem.objects.filter(plan=plan, kind="placement", placement__isnull=True).order_by("due_on").first()
    if not MediaPlacement.objects.filter(title=f"{story.title}（电视专题）").exists():
        services.create_placement(
            unit=bureau, outlet="市广播电视台", channel="tv", date=recent, title=f"{story.title}（电视专题）",
            url="https://tv.example.cn/jingjie/2026", reach=120000, story=story, people=people,
            plan_item=tv_item, by=None,
        )  # fmt: skip
        services.create_placement(
            unit=bureau, outlet="市日报", channel="newspaper", date=recent - datetime.timedelta(days=3),
            title=f"{people[0].name}：群众身边的守护者" if people else "群众身边的守护者", reach=30000, story=story,
            people=people, by=None,
        )  # fmt: skip
        stdout.write("宣传：媒体刊播记录")
    event_item = PlanItem.objects.filter(plan=plan, kind="event", event__isnull=True).first()
    speakers = [featured.person for s in stories for featured in s.featured.select_related("person")]
    if speakers and not OutreachEvent.objects.filter(title="先进典型微党课：平凡岗位上的坚守").exists():
        services.create_event(
            unit=bureau, kind="party_lesson", title="先进典型微党课：平凡岗位上的坚守", date=recent,
            place="局机关党员活动室", speakers=speakers, audience="机关党员民警", audience_count=80,
            plan_item=event_item, by=None,
        )  # fmt: skip
        services.create_event(
            unit=bureau, kind="story_session", title="警营故事会：我身边的榜样",
            date=recent - datetime.timedelta(days=5), place="半汤派出所会议室", speakers=speakers[:1],
            audience="所队民辅警", audience_count=35, by=None,
        )  # fmt: skip
        stdout.write("宣传：宣讲活动与本季度宣传计划")
