"""Article import: read a scraped article and keep it as a proposal for a political officer to confirm."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.policy import scope_paths
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.deeds.enums import DeedSource
from qunying.deeds.services.deeds import Participant, create_deed
from qunying.honours.models import AwardType, Issuer
from qunying.honours.services.honours import record_honour
from qunying.org.enums import AuxiliaryKind, PersonCategory
from qunying.org.models import Person, Unit
from qunying.org.services.people import create_person
from qunying.publicity.board import invalidate_board
from qunying.publicity.enums import ARTICLE_IMPORT_TRANSITIONS, ArticleImportStatus, StoryStatus
from qunying.publicity.models import ArticleImport, ArticleImportLink, Story, StoryPerson
from qunying.publicity.rules import ARTICLE_CONFIRMERS, policy
from qunying.publicity.services.article_batches import create_article_import, duplicate_of, read_article_file

NARRATIVE_LIMIT = 2000


@transaction.atomic
def import_article(*, data: bytes, filename: str = "", bureau: Unit | None = None, by) -> ArticleImport:
    """Keep one article and what was found in it as a proposal (status proposed); nothing else is written. The same
    article imported before (and not discarded) is not proposed twice: the earlier proposal is returned."""
    policy.require(by, "import_article")
    result = read_article_file(data, bureau=bureau)
    earlier = duplicate_of(result)
    if earlier is not None:
        return earlier
    return create_article_import(result, filename=filename, by=by)


def _locked(article: ArticleImport, *, by) -> ArticleImport:
    article = ArticleImport.objects.select_for_update().get(pk=article.pk)
    policy.require(by, "confirm_article", article)
    return article


def _close(article: ArticleImport, status: str) -> None:
    transition(article, status, ARTICLE_IMPORT_TRANSITIONS, message=_("This article has already been dealt with."))
    article.save(update_fields=["status"])


def _narrative_for(text: str, name: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[。！？；])", text) if name in s]
    return "".join(sentences)[:NARRATIVE_LIMIT]


def _article_date(article: ArticleImport) -> datetime.date:
    return timezone.localtime(article.published_at).date() if article.published_at else timezone.localdate()


def recordable_honours(article: ArticleImport) -> dict[str, list[dict]]:
    """Per proposed name, each honour found with what the catalogue makes of it: the award (by title, else by
    type) and the issuer (by name or short name) when both are known and the year is given; otherwise the reason
    it cannot be recorded from the article alone. Two queries for the whole article."""
    awards_by_name = {a.name: a for a in AwardType.objects.filter(active=True)}
    awards_by_code = {a.code: a for a in awards_by_name.values()}
    issuers = {}
    for issuer in Issuer.objects.filter(active=True):
        issuers[issuer.name] = issuer
        if issuer.short_name:
            issuers.setdefault(issuer.short_name, issuer)
    published = _article_date(article)
    found: dict[str, list[dict]] = {}
    for person in article.extraction.get("people", []):
        rows = found.setdefault(person["name"], [])
        for honour in person.get("honours", []):
            award = awards_by_name.get(honour.get("title")) or awards_by_code.get(honour.get("type"))
            issuer = issuers.get(honour.get("issuer") or "")
            year, month = honour.get("year"), honour.get("month")
            problem = ""
            if award is None:
                problem = _("The award is not in the catalogue.")
            elif issuer is None:
                problem = _("The issuer is not in the catalogue.")
            elif not year:
                problem = _("The article does not say the year.")
            awarded_on = None
            if not problem:
                if month:
                    awarded_on = datetime.date(year, month, 1)
                else:
                    awarded_on = published if year == published.year else datetime.date(year, 12, 31)
                awarded_on = min(awarded_on, published)
            rows.append({**honour, "award": award, "issuer_obj": issuer, "awarded_on": awarded_on, "problem": problem})
    return found


def _story_unit(by):
    """The archived story belongs to the top unit the confirmer covers (the whole bureau for the system)."""
    paths = scope_paths(by, ARTICLE_CONFIRMERS) if getattr(by, "is_authenticated", False) else []
    units = Unit.objects.filter(path__in=paths) if paths else Unit.objects.filter(parent__isnull=True)
    return units.order_by("depth", "path").first()


@transaction.atomic
def confirm_article_import(
    article: ArticleImport, *, people: dict[str, Person], new_people: dict[str, dict] | None = None,
    record_honours: bool = True, by,
) -> ArticleImport:  # fmt: skip
    """Confirm an imported article, all or nothing:
    - chosen existing people (proposed name → person) and, when ticked, people created through the org services
      (proposed name → {"unit", "badge_number"}) each get a proposed deed (source: import) telling what the article
      says of them;
    - their honours that the catalogue recognises are recorded through the honours services, citing that deed;
    - the article is archived as a published story featuring them (consent is recorded per person as for any story:
      the public board shows nobody without it).
    Any refusal (authority, duplicate badge, scope) rolls everything back and is raised as a ValidationError."""
    article = _locked(article, by=by)
    new_people = new_people or {}
    if not people and not new_people:
        raise ValidationError(_("Please choose at least one person to link or create."))
    proposals = {p["name"]: p for p in article.extraction.get("people", [])}
    if not (set(people) | set(new_people)) <= set(proposals) or set(people) & set(new_people):
        raise ValidationError(_("Only people proposed from the article can be linked."))
    for name, person in people.items():
        if person.name != name:
            raise ValidationError(_("Only people proposed from the article can be linked."))
    chosen = dict(people)
    for name, fields in new_people.items():
        category = proposals[name].get("category") or PersonCategory.POLICE
        try:
            chosen[name] = create_person(
                name=name,
                badge_number=fields.get("badge_number", ""),
                unit=fields["unit"],
                category=category,
                auxiliary_kind=AuxiliaryKind.DUTY if category == PersonCategory.AUXILIARY else "",
                by=by,
            )
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s could not be created: %(problem)s") % {"name": name, "problem": "；".join(error.messages)}
            ) from None
    date = _article_date(article)
    honours_found = recordable_honours(article) if record_honours else {}
    created, all_deeds, all_honours = [], [], []
    for name, person in chosen.items():
        deed = create_deed(
            title=article.title[:100],
            participants=[Participant(person=person)],
            date=date,
            narrative=_narrative_for(article.text, name) or article.title,
            source=DeedSource.IMPORT,
            by=by,
        )
        link = ArticleImportLink.objects.create(
            article=article, person=person, deed=deed, created_person=name in new_people
        )
        honours = []
        for found in honours_found.get(name, []):
            if found["problem"]:
                continue
            try:
                honours.append(
                    record_honour(
                        person=person,
                        award_type=found["award"],
                        issuer=found["issuer_obj"],
                        awarded_on=found["awarded_on"],
                        reason=_("%(title)s (from the article “%(article)s”)")
                        % {"title": found["title"], "article": article.title[:100]},
                        by=by,
                    )
                )
            except ValidationError as error:
                raise ValidationError(
                    _("The honour %(title)s of %(name)s could not be recorded: %(problem)s")
                    % {"title": found["title"], "name": name, "problem": "；".join(error.messages)}
                ) from None
        link.honours.set(honours)
        all_deeds.append(deed)
        all_honours.extend(honours)
        created.append({"person": person.pk, "deed": deed.pk, "honours": [h.pk for h in honours]})
    story = _archive_story(article, people=list(chosen.values()), deeds=all_deeds, honours=all_honours, by=by)
    _close(article, ArticleImportStatus.CONFIRMED)
    log_action(
        article,
        "publicity.article.confirmed",
        by=by,
        data={"links": created, "created_people": sorted(new_people), "story": story.pk},
    )
    return article


def _archive_story(article: ArticleImport, *, people, deeds, honours, by) -> Story:
    """The article as a story already published (on the date the article was): it went out before it came here,
    so it skips review; featured people still need their consent before the public board shows them."""
    story = Story.objects.create(
        title=article.title[:200],
        body=article.text,
        unit=_story_unit(by),
        source_article=article,
        status=StoryStatus.PUBLISHED,
        published_at=article.published_at or timezone.now(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    story.deeds.set(deeds)
    story.honours.set(honours)
    StoryPerson.objects.bulk_create(StoryPerson(story=story, person=p) for p in people)
    log_action(story, "publicity.story.archived", by=by, data={"article": article.pk, "people": [p.pk for p in people]})
    transaction.on_commit(invalidate_board)
    return story


@transaction.atomic
def discard_article_import(article: ArticleImport, *, by) -> ArticleImport:
    article = _locked(article, by=by)
    _close(article, ArticleImportStatus.DISCARDED)
    log_action(article, "publicity.article.discarded", by=by, data={})
    return article
