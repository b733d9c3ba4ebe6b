"""Honours on a person's timeline: title, issuer and document number; revoked ones stay, marked; those awaiting
approval do not count yet, and those declined or withdrawn before approval never do."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.timeline import TimelineEvent


def honours_of(person) -> Iterable[TimelineEvent]:
    honours = (
        Honour.objects.filter(person=person)
        .filter(status__in=(HonourStatus.ACTIVE, HonourStatus.REVOKED))  # those that came into force
        .select_related("award_type", "issuer")
        .order_by("awarded_on")
    )
    for honour in honours:
        title = honour.award_type.name
        if honour.is_revoked:
            title = _("%(award)s (revoked)") % {"award": title}
        detail = honour.issuer.name + (f" {honour.document_number}" if honour.document_number else "")
        if honour.is_revoked:
            revoked = _("revoked on %(date)s: %(ground)s")
            detail += " · " + revoked % {"date": f"{honour.revoked_on:%Y-%m-%d}", "ground": honour.revocation_ground}
        yield TimelineEvent(
            honour.awarded_on,
            title,
            detail=detail,
            icon="x-octagon" if honour.is_revoked else "award",
            url=reverse("honours:honour_detail", args=[honour.pk]),
        )
