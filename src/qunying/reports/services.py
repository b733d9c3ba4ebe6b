"""Reports writes: the annual summary template (upload, restore the built-in one) and the audited generation of
the summary document."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from qunying.core.services import log_action
from qunying.reports.models import SummaryTemplate
from qunying.reports.summary import document


def check_template(content: bytes) -> None:
    """A template is accepted only if it renders with sample values: a broken one never replaces a working one."""
    try:
        document.render(content, document.sample_data(), {})
    except Exception as error:  # any failure of an uploaded file (zip, XML, Jinja) is the user's to fix
        raise ValidationError(
            _("This template cannot be used: %(error)s"), code="invalid_template", params={"error": str(error)[:300]}
        ) from error


@transaction.atomic
def upload_summary_template(*, name: str, content: bytes, by) -> SummaryTemplate:
    check_template(content)
    SummaryTemplate.objects.filter(in_force=True).update(in_force=False)
    template = SummaryTemplate.objects.create(name=name[:200], content=content, size=len(content), uploaded_by=by)
    log_action(template, "reports.summary_template.uploaded", by=by, data={"name": template.name, "size": len(content)})
    return template


@transaction.atomic
def restore_default_template(*, by) -> None:
    retired = list(SummaryTemplate.objects.filter(in_force=True))
    if not retired:
        raise ValidationError(_("The built-in template is already in force."), code="already_default")
    SummaryTemplate.objects.filter(pk__in=[t.pk for t in retired]).update(in_force=False)
    for template in retired:
        log_action(template, "reports.summary_template.restored_default", by=by, data={"name": template.name})


def generate_annual_summary(*, scope, by) -> bytes:
    """The summary document; its generation is an export of business data, so it leaves an audit entry."""
    try:
        content = document.build_summary(scope)
    except Exception as error:  # a template that renders the samples may still fail on real data
        raise ValidationError(
            _("The summary could not be generated from the template in force: %(error)s"),
            code="render_failed",
            params={"error": str(error)[:300]},
        ) from error
    log_action(
        scope.unit,
        "reports.summary.generated",
        by=by,
        data={"year": scope.year, "unit": scope.unit.pk if scope.unit else None, "bytes": len(content)},
    )
    return content
