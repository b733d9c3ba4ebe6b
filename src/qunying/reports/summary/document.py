"""Rendering the annual summary: the template in force (an uploaded one, else the built-in one) filled by docxtpl
with the summary data and the chart images."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment

from qunying.reports import cache as report_cache
from qunying.reports.models import SummaryTemplate
from qunying.reports.summary import charts
from qunying.reports.summary.context import summary_data
from qunying.reports.summary.template import DEFAULT_TEMPLATE

CHART_WIDTH = Mm(150)
DOCUMENT_LANGUAGE = "zh-hans"  # the bureau's documents are in Chinese whatever the reader's page language


def current_template() -> tuple[bytes, object | None]:
    """The template bytes in force and the upload they come from (None for the built-in template)."""

    upload = SummaryTemplate.objects.filter(in_force=True).order_by("-created_at", "-id").first()
    if upload is not None:
        return bytes(upload.content), upload
    return DEFAULT_TEMPLATE.read_bytes(), None


def chart_images(specs: dict) -> dict[str, bytes | None]:
    titles = {
        "chart_honours": _("Honours by award and issuer level"),
        "chart_reserve": _("Exemplar reserve by tier and level"),
        "chart_ratings": _("Citizen ratings by month"),
    }
    images = {}
    for name, spec in specs.items():
        if spec.get("type") == "line":
            images[name] = charts.lines(titles.get(name, ""), spec)
        else:
            images[name] = charts.stacked_bars(titles.get(name, ""), spec)
    return images


def render(template: bytes, data: dict, images: dict[str, bytes | None]) -> bytes:
    """Fill `template` (raises on a broken template: the caller turns that into a message)."""
    document = DocxTemplate(io.BytesIO(template))
    context = dict(data)
    for name, png in images.items():
        context[name] = InlineImage(document, io.BytesIO(png), width=CHART_WIDTH) if png else ""
    # Templates are uploaded by staff: a sandbox keeps their Jinja away from Python internals.
    document.render(context, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_summary(scope) -> bytes:
    """The document for (scope, year), kept with the reports dashboard's cache entries and retired by the same
    writes: drawing its charts in a CJK font takes seconds, and people download the same year's summary again and
    again. The key holds the template in force and today's date (a current year's figures are said to be today's)."""
    template, upload = current_template()
    kind = f"summary:{upload.pk if upload is not None else 'built-in'}:{timezone.localdate():%Y-%m-%d}"

    def build() -> bytes:
        with translation.override(DOCUMENT_LANGUAGE):
            data, specs = summary_data(scope)
            images = chart_images(specs)
        return render(template, data, images)

    return report_cache.cached(kind, scope, build)


def sample_data() -> dict:
    """Values of every kind the template may use, to try an uploaded template before it is put in force."""
    text = "示例。"
    row = {"label": "示例", "count": 1, "national": 0, "province": 0, "city": 0, "county": 1, "unit": 0, "total": 1}
    sentences = [
        "figures_sentence",
        "ratings_sentence",
        "ratings_trend_sentence",
        "selections_sentence",
        "reserve_sentence",
        "coverage_sentence",
        "practice_sentence",
        "stars_sentence",
        "publicity_sentence",
        "care_sentence",
        "evaluation_sentence",
    ]
    return {
        **dict.fromkeys(sentences, text),
        "title": text,
        "scope_name": "示例单位",
        "year": 2000,
        "deeds": {"total": 1, "people": 1, "rows": [row]},
        "honour_rows": [row],
        "reserve_rows": [row],
        "star_rows": [{"name": "示例", "stars": "★", "year": 2000}],
        "story_rows": [{"title": "示例", "unit": "示例", "date": "2000-01-01"}],
        "exemplars": [{"name": "示例", "unit": "示例", "summary": text}],
    }
