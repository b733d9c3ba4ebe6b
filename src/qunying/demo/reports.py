"""Demo: reports hold no data of their own; after every other module has loaded, print the demo year's figures in the
bureau's published form, as the reports pages show them (reads only, so running it again changes nothing)."""

from django.utils import translation

from qunying.org.models import Unit
from qunying.reports.queries import yearly_figures

DEMO_YEAR = 2022


def load(stdout) -> None:
    with translation.override("zh-hans"):
        sentence = yearly_figures(Unit.objects.all(), DEMO_YEAR).sentence
    stdout.write(f"\n年度数据（{DEMO_YEAR}年，/reports/figures/）：{sentence or '无'}")
