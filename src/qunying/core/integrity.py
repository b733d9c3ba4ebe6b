"""Record integrity: the registry of record-rule checks. Each app that owns a rule (honours: an honour's category;
deeds: four eyes; care: an entitlement's basis …) declares in its `checks.py` a `find_problems(queryset=None)` that
lists the records breaking it, and registers it from its AppConfig.ready(); `qunying check-records`, the demo and an
import's result page ask them all through `find_problems()` here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.exports import write_table


class Kind:
    """The kinds of problem the issue's rules name, as stable codes (a report groups by them)."""

    CATEGORY = "category"
    FOUR_EYES = "four_eyes"
    EVIDENCE = "evidence"
    BASIS = "basis"
    DATES = "dates"


KIND_LABELS = {
    Kind.CATEGORY: gettext_lazy("Honour outside its category"),
    Kind.FOUR_EYES: gettext_lazy("Decided by someone involved"),
    Kind.EVIDENCE: gettext_lazy("Verified without evidence"),
    Kind.BASIS: gettext_lazy("Entitlement without a valid basis"),
    Kind.DATES: gettext_lazy("Dates out of order"),
}


@dataclass(frozen=True)
class Problem:
    """One record breaking one rule: what kind, which record (model label and id, a readable name, its unit) and
    what is wrong, in a sentence."""

    kind: str
    model: str
    pk: int
    record: str
    detail: str
    unit: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


Finder = Callable[..., Iterable[Problem]]
_finders: list[Finder] = []


def record_checks(finder: Finder) -> Finder:
    """Register an app's `find_problems(queryset=None)`; call it from the app's AppConfig.ready(). Registering the
    same function twice has no effect."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def find_problems() -> list[Problem]:
    """Every record of every app that breaks a record rule, grouped by kind then record."""
    problems = [problem for finder in _finders for problem in finder()]
    order = list(KIND_LABELS)
    return sorted(
        problems,
        key=lambda p: (order.index(p.kind) if p.kind in order else len(order), p.model, p.pk, p.detail),
    )


def report_lines(problems: list[Problem]) -> list[str]:
    """The readable report: a heading per kind with its count, then one line per record."""
    if not problems:
        return [_("No problem found: every record keeps the rules.")]
    lines = [_("%(count)d records break a rule:") % {"count": len(problems)}]
    current = None
    for problem in problems:
        if problem.kind != current:
            current = problem.kind
            count = sum(1 for p in problems if p.kind == current)
            lines.append("")
            lines.append(_("【%(kind)s】%(count)d") % {"kind": problem.kind_label, "count": count})
        where = f"（{problem.unit}）" if problem.unit else ""
        lines.append(f"  · {problem.record}{where}：{problem.detail}")
    return lines


EXPORT_COLUMNS = (
    (gettext_lazy("Problem"), 22),
    (gettext_lazy("Record"), 40),
    (gettext_lazy("Unit"), 24),
    (gettext_lazy("What is wrong"), 80),
    (gettext_lazy("Record type"), 18),
    (gettext_lazy("Record ID"), 10),
)


def write_problems(problems: list[Problem], target) -> int:
    """The problems as a workbook (one row each) written to `target`."""
    rows = ([p.kind_label, p.record, p.unit, p.detail, p.model, p.pk] for p in problems)
    columns = [(str(title), width) for title, width in EXPORT_COLUMNS]
    return write_table(rows, columns=columns, sheet_name=str(_("Record problems")), target=target)
