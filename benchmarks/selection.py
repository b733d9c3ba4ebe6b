"""Benchmark: the fairness simulation's table — mean top-5 precision per scenario and method over seeds 11–60.

Each scenario is run for every seed (campaigns.simulation); the methods read the same data. Beside them:
- known_judges: merit read with every judge's true leniency and scale, under the same votes — the floor of the
  data's own noise, which no method beats on average;
- <method>_judged: the judges' scores alone (no public vote), to separate the judging from the vote.
The target of issue 21 (default scenario): model >= raw + 0.15 and >= zscore + 0.05; the last lines say whether it
holds. Pure computation, no database.

    python benchmarks/selection.py                 # seeds 11–60 (about a minute)
    python benchmarks/selection.py --seeds 11 111  # another range
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qunying.settings")

import django

django.setup()

from qunying.campaigns.simulation import METHODS, PRODUCT_METHOD, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs=2, type=int, default=(11, 61), metavar=("FIRST", "STOP"))
    first, stop = parser.parse_args().seeds
    started = time.perf_counter()
    rows = table(range(first, stop), reference=True)
    columns = [*METHODS, "known_judges", *(f"{m}_judged" for m in METHODS)]
    seeds = f"seeds {first}–{stop - 1} ({stop - first} seeds)"
    print(f"top-5 precision, mean over {seeds}; product method: {PRODUCT_METHOD}")
    print(f"{'scenario':<12}" + "".join(f"{column:>15}" for column in columns))
    for scenario, row in rows.items():
        print(f"{scenario:<12}" + "".join(f"{row[column]:>15.3f}" for column in columns))
    default = rows["default"]
    for label, other, margin in (("raw", "raw", 0.15), ("z-score", "zscore", 0.05)):
        gain = default[PRODUCT_METHOD] - default[other]
        verdict = "met" if gain >= margin - 1e-9 else "NOT met"
        print(f"default: {PRODUCT_METHOD} − {label} = {gain:+.3f} (target ≥ +{margin:.2f}): {verdict}")
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
