"""The decision dossier as a Word document (.docx, A4): nominations and evidence, the four scores with intervals and
the "无法区分" marks, conflicts and recusals, vote anomalies, objections and the approval trail. What a disputed
result is defended with.

Chinese text needs its East-Asian font named explicitly (w:eastAsia): Word otherwise falls back to a Latin font's
substitute. Body text is 仿宋 and headings 黑体, as official documents (公文) are set."""

import io
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, Vote
from qunying.campaigns.queries import campaign_results
from qunying.core.models import AuditEntry
from qunying.core.people import person_label

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def set_font(target, east_asian: str, *, size: float | None = None, bold: bool | None = None) -> None:
    """Name the font for Latin and East-Asian text on a style or a run (python-docx only sets the Latin one)."""
    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    properties = target.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _fmt(value, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# The approval trail's actions, by their Chinese labels (never the audit code).
TRAIL_LABELS = {
    "campaigns.campaign.advance": gettext_lazy("Phase changed"),
    "campaigns.winners.propose": gettext_lazy("Winners proposed"),
    "campaigns.winners.approve": gettext_lazy("Winners approved"),
    "campaigns.campaign.close": gettext_lazy("Campaign closed"),
    "campaigns.results.release": gettext_lazy("Results released"),
}


def trail_details(entry) -> str:
    """A phase change as 推荐 → 评审 (the phases' names, never their codes); other steps need no detail."""
    data = entry.data if isinstance(entry.data, dict) else {}
    if not data.get("to"):
        return ""
    names = dict(Phase.choices)
    return f"{names.get(data.get('from'), data.get('from') or '—')} → {names.get(data['to'], data['to'])}"


@dataclass
class DossierData:
    campaign: Campaign
    nominations: list
    results: list
    criteria: list
    objections: list
    anomalies: list
    trail: list


def dossier_data(campaign: Campaign) -> DossierData:
    """Everything the dossier shows, in a fixed number of queries."""
    nominations = list(
        campaign.nominations.select_related("person", "unit", "honour", "nominated_by")
        .prefetch_related("deeds", "honours__award_type", "ratings", "assignments__judge__role_assignments__unit")
        .order_by("rank", "id")
    )
    anomalies = list(
        Vote.objects.filter(campaign=campaign)
        .exclude(quarantine_reason="")
        .select_related("nomination__person", "released_by")
        .prefetch_related("released_by__role_assignments__unit")  # shown as 姓名（单位）
        .order_by("created_at", "pk")
    )
    trail = list(
        AuditEntry.objects.select_related("actor")
        .prefetch_related("actor__role_assignments__unit")  # the actor as 姓名（单位）
        .filter(
            content_type=ContentType.objects.get_for_model(Campaign),
            object_id=str(campaign.pk),
            action__in=[
                "campaigns.campaign.advance",
                "campaigns.winners.propose",
                "campaigns.winners.approve",
                "campaigns.campaign.close",
                "campaigns.results.release",
            ],
        )
        .order_by("created_at", "pk")
    )
    for entry in trail:  # what the web page shows, as the Word document does
        entry.label, entry.details = TRAIL_LABELS[entry.action], trail_details(entry)
    return DossierData(
        campaign=campaign,
        nominations=nominations,
        results=campaign_results(campaign, intervals=True),
        criteria=list(campaign.campaign_type.criteria.all()),
        objections=list(campaign.objections.select_related("nomination__person", "assigned_to").order_by("created_at")),
        anomalies=anomalies,
        trail=trail,
    )


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(text), HEADING_FONT, size=10.5, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            set_font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, size=10.5)
    return table


def _heading(document, text: str, level: int) -> None:
    set_font(document.add_heading("", level=level).add_run(text), HEADING_FONT)


def _paragraph(document, text: str) -> None:
    set_font(document.add_paragraph().add_run(text), BODY_FONT)


def _person(user) -> str:
    return person_label(user)  # 姓名（单位）, never a login


def build_dossier(campaign: Campaign) -> bytes:
    """The dossier as .docx bytes."""
    data = dossier_data(campaign)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the score table is wide
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    for name in ("Normal", "Table Grid"):
        set_font(document.styles[name], BODY_FONT, size=12 if name == "Normal" else None)
    for name in ("Title", "Heading 1", "Heading 2"):
        set_font(document.styles[name], HEADING_FONT)

    title = document.add_heading("", level=0)
    set_font(title.add_run(f"{campaign.title} · {_('Decision dossier')}"), HEADING_FONT)
    _summary(document, campaign)
    _nominations(document, data)
    _scores(document, data)
    _conflicts(document, data)
    _anomalies(document, data)
    _objections(document, data)
    _approvals(document, data)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _summary(document, campaign: Campaign) -> None:
    campaign_type = campaign.campaign_type
    lines = [
        f"{_('Campaign type')}：{campaign_type.name}（{campaign_type.award_type.name}）",
        f"{_('Period')}：{campaign.period_start:%Y-%m-%d} – {campaign.period_end:%Y-%m-%d}",
        f"{_('Phase')}：{campaign.get_phase_display()}",
    ]
    if campaign.notice_starts:
        lines.append(f"{_('Public notice')}：{campaign.notice_starts:%Y-%m-%d} – {campaign.notice_ends:%Y-%m-%d}")
    if campaign.approved_at:
        lines.append(
            f"{_('Approved by')}：{_person(campaign.approved_by)} "
            f"{timezone.localtime(campaign.approved_at):%Y-%m-%d %H:%M}"
        )
    if campaign.results_released_at:
        lines.append(f"{_('Results released at')}：{timezone.localtime(campaign.results_released_at):%Y-%m-%d %H:%M}")
    generated = _("Generated at")  # outside the f-string, where makemessages finds it
    lines.append(f"{generated}：{timezone.localtime():%Y-%m-%d %H:%M}")
    for line in lines:
        _paragraph(document, line)


def _nominations(document, data: DossierData) -> None:
    _heading(document, _("Nominations and evidence"), 1)
    rows = []
    for nomination in data.nominations:
        evidence = [deed.title for deed in nomination.deeds.all()]
        evidence += [f"{h.award_type.name}（{h.awarded_on:%Y-%m-%d}）" for h in nomination.honours.all()]
        evidence += [
            f"{_('Citizen ratings')} {r.period_label}：{_('fair score')} {r.shrunk * 100:.1f}%"
            f"（{_('raw')} {r.raw * 100:.1f}%，{r.replies} {_('replies')}）"
            for r in nomination.ratings.all()
        ]
        rows.append(
            [
                nomination.rank or "—",
                nomination.person.name,  # internal record: classified people are named here
                nomination.unit.name,
                nomination.statement,
                "；".join(evidence) or "—",
                nomination.get_status_display(),
                nomination.deviation_reason or "—",
            ]
        )
    header = [_("Rank"), _("Person"), _("Unit"), _("Statement"), _("Evidence"), _("Status")]
    _table(document, [*header, _("Reason for deviating from the ranking")], rows)


def _interval(low, high, digits: int = 1) -> str:
    if low is None:
        return "—"
    return f"{low:.{digits}f}–{high:.{digits}f}" if low != high else f"{low:.{digits}f}"


def _scores(document, data: DossierData) -> None:
    _heading(document, _("Scores"), 1)
    _paragraph(
        document,
        _(
            "The final score is the judge-effect model's score (each judge's leniency and scale estimated together "
            "with every nominee's merit, and shrunk toward a typical judge), weighted over the criteria, with the "
            "public vote where there is one. Raw mean, median and per-judge z-score are shown beside it. Intervals: "
            "the middle 95 per cent of 400 redraws of the reviews and votes."
        ),
    )
    has_vote = data.campaign.campaign_type.has_public_vote
    header = [_("Rank"), _("Nominee"), _("Reviews"), _("Raw mean"), _("Median"), _("Z-score"), _("Model")]
    header += [_("Vote share")] if has_vote else []
    header += [_("Final score"), _("Interval (95%)"), _("Rank interval"), _("Mark")]
    rows = []
    for row in data.results:
        cells = [row.rank or "—", row.nomination.person.name, row.reviews]
        cells += [_fmt(row.raw, 1), _fmt(row.median, 1), _fmt(row.normalised, 1), _fmt(row.model, 1)]
        if has_vote:
            cells.append("—" if row.vote_share is None else f"{row.vote_share * 100:.0f}%")
        cells += [_fmt(row.final, 1), _interval(row.final_low, row.final_high)]
        cells += [_interval(row.rank_low, row.rank_high, 0), _("Cannot be told apart") if row.undecided else ""]
        rows.append(cells)
    _table(document, header, rows)
    undecided = [row for row in data.results if row.undecided]
    if undecided:
        _paragraph(document, _("Nominees who cannot be told apart from the quota line (the committee decides):"))
        for row in undecided:
            _paragraph(document, f"{row.nomination.person.name}（{_('Cannot be told apart')}）：{row.reason}")
    _heading(document, _("Scores per criterion"), 2)
    _paragraph(
        document,
        _(
            "Per criterion: raw mean, median, per-judge z-score, the model (rescaled to the criterion's range) and "
            "disagreement (standard deviation). Informational criteria do not count."
        ),
    )
    header = [_("Nominee")]
    for criterion in data.criteria:
        label = criterion.name + (f"（{_('informational')}）" if criterion.informational else "")
        header.append(f"{label} {_('Mean')}/{_('Median')}/{_('Z-score')}/{_('Model')}/{_('SD')}")
    rows = []
    for row in data.results:
        cells = [row.nomination.person.name]
        for criterion in data.criteria:
            result = row.criteria.get(criterion.pk)
            parts = () if result is None else (result.raw_mean, result.median, result.normalised, result.model)
            cells.append(
                "—" if result is None else " / ".join([*(_fmt(part) for part in parts), _fmt(result.disagreement)])
            )
        rows.append(cells)
    _table(document, header, rows)


def _conflicts(document, data: DossierData) -> None:
    _heading(document, _("Conflicts of interest and recusals"), 1)
    rows = [
        [nomination.person.name, _person(assignment.judge), assignment.conflict]
        for nomination in data.nominations
        for assignment in nomination.assignments.all()
        if assignment.recused
    ]
    if rows:
        _table(document, [_("Nominee"), _("Judge"), _("Conflict of interest")], rows)
    else:
        _paragraph(document, _("No judge declared a conflict of interest."))
    _paragraph(
        document,
        _("Judges were never assigned nominations from their own unit subtree, their own, or ones they nominated."),
    )


def _anomalies(document, data: DossierData) -> None:
    _heading(document, _("Public vote anomalies"), 1)
    if not data.campaign.campaign_type.has_public_vote:
        _paragraph(document, _("This campaign type has no public vote."))
        return
    rows = [
        [
            f"{timezone.localtime(vote.created_at):%Y-%m-%d %H:%M:%S}",
            vote.nomination.person.name,
            vote.quarantine_reason,
            vote.subnet,
            _("Released by %(user)s") % {"user": _person(vote.released_by)} if vote.released_by else _("Quarantined"),
        ]
        for vote in data.anomalies
    ]
    if rows:
        _table(document, [_("Time"), _("Candidate"), _("Why quarantined"), _("Address"), _("Status")], rows)
    else:
        _paragraph(document, _("No vote was quarantined."))


def _objections(document, data: DossierData) -> None:
    _heading(document, _("Objections"), 1)
    rows = [
        [
            objection.nomination.person.name,
            objection.name,
            objection.text,
            objection.get_status_display(),
            objection.finding or "—",
        ]
        for objection in data.objections
    ]
    if rows:
        _table(document, [_("Person"), _("Real name"), _("Objection"), _("Status"), _("Finding")], rows)
    else:
        _paragraph(document, _("No objections."))


def _approvals(document, data: DossierData) -> None:
    _heading(document, _("Decisions and approvals"), 1)
    rows = [
        [
            f"{timezone.localtime(entry.created_at):%Y-%m-%d %H:%M}",
            str(entry.label),
            person_label(entry.actor),
            entry.details,
        ]
        for entry in data.trail
    ]
    _table(document, [_("Time"), _("Action"), _("By"), _("Details")], rows)
    winners = [n for n in data.nominations if n.status in {NominationStatus.APPROVED, NominationStatus.AWARDED}]
    names = "、".join(f"{n.person.name}（{n.unit.name}）" for n in winners) or "—"
    _paragraph(document, f"{_('Winners')}：{names}")
