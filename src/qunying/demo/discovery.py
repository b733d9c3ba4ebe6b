"""Demo discovery: the reserve demo first (so reserve members are not suggested), then one computed run for the demo
year with its suggestions. Running it again adds no run when one for the year exists."""

from qunying.accounts.models import User
from qunying.demo import reserve as reserve_demo
from qunying.demo.deeds import DEMO_YEAR
from qunying.discovery.models import DiscoveryRun, Suggestion
from qunying.discovery.services import run_discovery


def load(stdout) -> None:
    reserve_demo.load(stdout)  # idempotent; the reserve must exist before suggestions exclude its members
    officer = User.objects.filter(username="zhengzhichu").first()
    if officer is None:
        return
    if not DiscoveryRun.objects.filter(year=DEMO_YEAR).exists():
        run_discovery(year=DEMO_YEAR, by=officer)
    stdout.write(f"\n典型挖掘：{DEMO_YEAR}年推荐 {Suggestion.objects.filter(year=DEMO_YEAR).count()} 人")
