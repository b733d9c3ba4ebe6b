"""Demo unit tree: 巢湖市公安局, the example bureau of the design (a county-level city bureau under 合肥市公安局)."""

from qunying.org.enums import UnitKind
from qunying.org.models import Unit
from qunying.org.services import create_unit

BUREAU = "巢湖市公安局"

# (name, kind, children)
TREE = [
    ("政治处", UnitKind.DEPARTMENT, []),
    ("指挥中心", UnitKind.DEPARTMENT, []),
    (
        "交警大队",
        UnitKind.BRIGADE,
        [("城区中队", UnitKind.SQUAD), ("高速中队", UnitKind.SQUAD), ("事故中队", UnitKind.SQUAD)],
    ),
    ("治安管理大队", UnitKind.BRIGADE, []),
    ("刑事侦查大队", UnitKind.BRIGADE, [("重案中队", UnitKind.SQUAD)]),
    ("特警大队", UnitKind.BRIGADE, []),
    ("半汤派出所", UnitKind.POLICE_STATION, [("汤山警务室", UnitKind.OFFICE)]),
    ("卧牛山派出所", UnitKind.POLICE_STATION, []),
    ("亚父派出所", UnitKind.POLICE_STATION, []),
    ("天河派出所", UnitKind.POLICE_STATION, []),
    ("凤凰山派出所", UnitKind.POLICE_STATION, []),
    ("中庙派出所", UnitKind.POLICE_STATION, []),
]


def ensure_unit(name: str, kind: str, parent: Unit | None, sort_order: int) -> Unit:
    existing = Unit.objects.filter(name=name, parent=parent).first()
    return existing or create_unit(name=name, kind=kind, parent=parent, sort_order=sort_order, by=None)


def load(stdout) -> None:
    bureau = ensure_unit(BUREAU, UnitKind.BUREAU, None, 0)
    for order, (name, kind, children) in enumerate(TREE, start=1):
        unit = ensure_unit(name, kind, bureau, order)
        for child_order, (child_name, child_kind) in enumerate(children, start=1):
            ensure_unit(child_name, child_kind, unit, child_order)
    stdout.write(f"演示单位：{BUREAU}，共 {Unit.objects.filter(path__startswith=bureau.path).count()} 个单位")
