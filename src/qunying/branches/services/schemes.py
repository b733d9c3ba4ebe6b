"""Star-rating scheme writes: a scheme with its thresholds, its criteria, and the default scheme of a year."""

import itertools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.branches.enums import CriterionArea, CriterionKind
from qunying.branches.models import SchemeCriterion, StarScheme
from qunying.branches.rules import policy
from qunying.core.criteria import PER_RECORD, REGISTRY
from qunying.core.services import log_action

MIN_YEAR, MAX_YEAR = 2000, 2100
CRITERION_FIELDS = (
    "area",
    "name",
    "max_points",
    "kind",
    "registry_key",
    "points_per_record",
    "parameter",
    "guidance",
    "sort_order",
)


def check_thresholds(thresholds: list[Decimal]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if any(value is None or value <= 0 for value in thresholds):
        errors["one_star"] = [_("Every threshold must be more than zero points.")]
    elif any(higher <= lower for lower, higher in itertools.pairwise(thresholds)):
        errors["five_stars"] = [_("Each star needs more points than the one before.")]
    return errors


def _check_scheme(*, year: int, name: str, thresholds: list[Decimal], scheme: StarScheme | None = None) -> None:
    errors = check_thresholds(thresholds)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        errors.setdefault("year", []).append(_("Please enter a year between 2000 and 2100."))
    if not name:
        errors.setdefault("name", []).append(_("Please enter the scheme's name."))
    others = StarScheme.objects.filter(year=year, name=name)
    if scheme is not None:
        others = others.exclude(pk=scheme.pk)
    if name and others.exists():
        errors.setdefault("name", []).append(_("A scheme with this name already exists for that year."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_scheme(*, year: int, name: str, description: str = "", thresholds: list[Decimal], by) -> StarScheme:
    policy.require(by, "manage_schemes")
    name = name.strip()
    _check_scheme(year=year, name=name, thresholds=thresholds)
    scheme = StarScheme.objects.create(
        year=year, name=name, description=description, **dict(zip(StarScheme.THRESHOLD_FIELDS, thresholds, strict=True))
    )
    log_action(scheme, "branches.scheme.created", by=by, data={"year": year, "name": name, "thresholds": thresholds})
    return scheme


@transaction.atomic
def update_scheme(scheme: StarScheme, *, name: str, description: str, thresholds: list[Decimal], by) -> StarScheme:
    policy.require(by, "change_scheme", scheme)
    name = name.strip()
    _check_scheme(year=scheme.year, name=name, thresholds=thresholds, scheme=scheme)
    values = {
        "name": name,
        "description": description,
        **dict(zip(StarScheme.THRESHOLD_FIELDS, thresholds, strict=True)),
    }
    changes = {
        field: [getattr(scheme, field), value] for field, value in values.items() if getattr(scheme, field) != value
    }
    if changes:
        for field, value in values.items():
            setattr(scheme, field, value)
        scheme.save(update_fields=list(changes))
        log_action(scheme, "branches.scheme.updated", by=by, data=changes)
    return scheme


def _clean_criterion(fields: dict) -> dict:
    """Normalised fields of a criterion, or a ValidationError with every problem."""
    fields = {key: fields.get(key) for key in CRITERION_FIELDS}
    fields["name"] = (fields["name"] or "").strip()
    fields["guidance"] = (fields["guidance"] or "").strip()
    fields["registry_key"] = fields["registry_key"] or ""
    fields["sort_order"] = fields["sort_order"] or 0
    errors: dict[str, list[str]] = {}
    if not fields["name"]:
        errors["name"] = [_("Please enter the criterion.")]
    if fields["area"] not in CriterionArea.values:
        errors["area"] = [_("Please choose the area.")]
    if fields["max_points"] is None or fields["max_points"] <= 0:
        errors["max_points"] = [_("The maximum must be more than zero points.")]
    if fields["kind"] == CriterionKind.COMPUTED:
        entry = REGISTRY.get(fields["registry_key"])
        if entry is None:
            errors["registry_key"] = [_("Please choose what the criterion is computed from.")]
        else:
            if entry.scoring == PER_RECORD and (fields["points_per_record"] or 0) <= 0:
                errors["points_per_record"] = [_("Please enter the points each record earns.")]
            if entry.parameter_label is None:
                fields["parameter"] = None
            elif fields["parameter"] is None:
                fields["parameter"] = entry.default_parameter
    elif fields["kind"] == CriterionKind.ENTERED:
        fields.update(registry_key="", points_per_record=None, parameter=None)
    else:
        errors["kind"] = [_("Please choose how the criterion is scored.")]
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def add_criterion(scheme: StarScheme, *, by, **fields) -> SchemeCriterion:
    policy.require(by, "change_scheme", scheme)
    fields = _clean_criterion(fields)
    criterion = SchemeCriterion.objects.create(scheme=scheme, **fields)
    log_action(criterion, "branches.criterion.added", by=by, data={"scheme": scheme.pk, **fields})
    return criterion


@transaction.atomic
def update_criterion(criterion: SchemeCriterion, *, by, **fields) -> SchemeCriterion:
    policy.require(by, "change_scheme", criterion.scheme)
    fields = _clean_criterion(fields)
    changes = {
        field: [getattr(criterion, field), value]
        for field, value in fields.items()
        if getattr(criterion, field) != value
    }
    if changes:
        for field, value in fields.items():
            setattr(criterion, field, value)
        criterion.save(update_fields=list(changes))
        log_action(criterion, "branches.criterion.updated", by=by, data=changes)
    return criterion


# --- The default scheme ----------------------------------------------------------------------------------------------

DEFAULT_SCHEME_NAME = "星级党支部创建评定标准"
DEFAULT_THRESHOLDS = [Decimal(60), Decimal(68), Decimal(76), Decimal(84), Decimal(92)]
# Records Qunying will hold once later modules exist; their criteria join the scheme then (never faked before).
PENDING_CRITERIA = [
    "评选活动获评“最美民警”“辅警之星”“辅警标兵”人数及推荐人数（待评选活动模块上线后计算）",
    "先进典型人物储备库入库人数，按储备、重点、典型分级计分（待储备库模块上线后计算）",
    "事迹报告会、工作座谈、业务授课等实践活动场次（待储备库模块上线后计算）",
    "宣传稿件刊发篇数（待宣传模块上线后计算）",
]
DEFAULT_DESCRIPTION = (
    "以创建“星级”党支部为抓手，年度满分 100 分：组织建设、政治学习、服务群众、纪律作风由党支部书记自评并提供"
    "佐证材料，政治处审核；先进典型工作由系统根据本支部所辖单位及党员当年的记录自动计算。\n"
    "以下计分项将在相应模块上线后加入：\n" + "\n".join(f"· {line}" for line in PENDING_CRITERIA)
)
# (area, name, max points, guidance) for entered criteria; (area, name, max, key, points per record, parameter).
DEFAULT_ENTERED = [
    (CriterionArea.ORGANISATION, "支部班子健全，按期换届，书记履行第一责任人职责", 8, "换届选举批复、班子分工文件"),
    (CriterionArea.ORGANISATION, "“三会一课”、组织生活会、民主评议党员制度落实", 10, "会议记录、党员评议结果"),
    (CriterionArea.ORGANISATION, "党员发展、教育管理和党费收缴规范", 7, "发展党员档案、党费收缴台账"),
    (CriterionArea.POLITICAL_STUDY, "理论学习计划落实，学习记录完整", 10, "学习计划、学习笔记、测试成绩"),
    (CriterionArea.POLITICAL_STUDY, "主题党日、警示教育等活动开展", 10, "活动方案、照片、简报"),
    (CriterionArea.SERVICE_TO_PUBLIC, "为民办实事项目完成情况", 10, "项目清单及完成情况说明"),
    (CriterionArea.SERVICE_TO_PUBLIC, "走访群众、警民座谈及群众反映问题办理", 5, "走访记录、座谈纪要、办理台账"),
    (CriterionArea.DISCIPLINE, "全年无违纪违法问题和有责投诉", 10, "纪检部门出具的情况说明"),
    (CriterionArea.DISCIPLINE, "作风建设和警容风纪", 5, "督察通报、整改记录"),
]
DEFAULT_COMPUTED = [
    (CriterionArea.EXEMPLAR_WORK, "支部所辖单位民警辅警及党员经核实的先进事迹", 8, "deeds.verified", 1, None),
    (CriterionArea.EXEMPLAR_WORK, "获嘉奖、通报表扬及各类评选称号（个人和集体）", 4, "honours.grade_below", 1, 30),
    (CriterionArea.EXEMPLAR_WORK, "获三等功及以上奖励（个人和集体）", 8, "honours.grade_at_least", 4, 30),
    (
        CriterionArea.EXEMPLAR_WORK,
        "短信评警覆盖率（全年至少有 1 条有效评价的民警辅警占比）",
        5,
        "feedback.coverage",
        None,
        1,
    ),
]
AREA_ORDER = list(CriterionArea.values)


def default_criteria() -> list[dict]:
    """The default scheme's lines, in area order; computed lines only for sources that are registered."""
    lines = [
        {"area": area, "name": name, "max_points": Decimal(points), "kind": CriterionKind.ENTERED, "guidance": guidance}
        for area, name, points, guidance in DEFAULT_ENTERED
    ]
    for area, name, points, key, per_record, parameter in DEFAULT_COMPUTED:
        if key in REGISTRY:
            lines.append(
                {
                    "area": area,
                    "name": name,
                    "max_points": Decimal(points),
                    "kind": CriterionKind.COMPUTED,
                    "registry_key": key,
                    "points_per_record": Decimal(per_record) if per_record is not None else None,
                    "parameter": parameter,
                }
            )
    lines.sort(key=lambda line: AREA_ORDER.index(line["area"]))
    for order, line in enumerate(lines, start=1):
        line["sort_order"] = order * 10
    return lines


@transaction.atomic
def create_default_scheme(*, year: int, by) -> StarScheme:
    """The default scheme for `year`: one audit entry for the scheme and its criteria."""
    policy.require(by, "manage_schemes")
    _check_scheme(year=year, name=DEFAULT_SCHEME_NAME, thresholds=DEFAULT_THRESHOLDS)
    scheme = StarScheme.objects.create(
        year=year,
        name=DEFAULT_SCHEME_NAME,
        description=DEFAULT_DESCRIPTION,
        **dict(zip(StarScheme.THRESHOLD_FIELDS, DEFAULT_THRESHOLDS, strict=True)),
    )
    lines = default_criteria()
    SchemeCriterion.objects.bulk_create(SchemeCriterion(scheme=scheme, **_clean_criterion(line)) for line in lines)
    log_action(
        scheme,
        "branches.scheme.default_created",
        by=by,
        data={
            "year": year,
            "criteria": len(lines),
            "computed": [line.get("registry_key") for line in lines if line.get("registry_key")],
        },
    )
    return scheme
