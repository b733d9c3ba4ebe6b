"""Demo data for publicity (idempotent): the sample article imported for confirmation, and stories about the
demo's honoured people — two published with consent, one in review."""

from pathlib import Path

from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.publicity import services
from qunying.publicity.models import ArticleImport, Column, Story

SAMPLE = Path(__file__).resolve().parent / "demo_data" / "article-sample.txt"
BODY = (
    "**{name}**同志扎根{unit}，{award}。\n\n"
    "> 群众的事无小事。\n\n"
    "他（她）的事迹在全局引起强烈反响，是新时代公安队伍的优秀代表。"
)


def load(stdout) -> None:
    if not ArticleImport.objects.filter(filename=SAMPLE.name).exists():
        article = services.import_article(data=SAMPLE.read_bytes(), filename=SAMPLE.name, by=None)
        stdout.write(f"publicity: imported the sample article “{article.title}” for confirmation\n")
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
        stdout.write(f"publicity: story “{title}”\n")
