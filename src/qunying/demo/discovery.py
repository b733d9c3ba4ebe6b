"""Demo discovery: one computed run for the demo year with its suggestions, after the reserve demo (qunying.demo's
build order), so reserve members are not suggested. Running it again adds no run when one for the year exists."""

from qunying.accounts.models import User
from qunying.demo.deeds import DEMO_YEAR
from qunying.discovery.models import DiscoveryRun, Suggestion
from qunying.discovery.services import run_discovery


def load(stdout) -> None:
    officer = User.objects.filter(username="zhengzhichu").first()
    if officer is None:
        return
    if not DiscoveryRun.objects.filter(year=DEMO_YEAR).exists():
        run_discovery(year=DEMO_YEAR, by=officer)
    stdout.write(f"\n典型挖掘：{DEMO_YEAR}年推荐 {Suggestion.objects.filter(year=DEMO_YEAR).count()} 人")
