"""qunying simulate-selection --seed N [--json]: every scoring method in every scenario on a synthetic population."""

import json as json_module

from django.core.management.base import BaseCommand

from qunying.campaigns.simulation import METHODS, simulate


class Command(BaseCommand):
    help = "Simulate selections with known merit; compare raw, median, z-score and the judge-effect model per scenario."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, seed, json: bool = False, **options):
        result = simulate(seed)
        if json:
            self.stdout.write(json_module.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"seed {seed}: top-{result['top_k']} precision raw {result['raw_precision']:.2f}, "
            f"{result['product_method']} {result['normalised_precision']:.2f}"
        )
        self.stdout.write(f"{'scenario':<12}" + "".join(f"{method:>8}" for method in METHODS))
        for scenario, row in result["scenarios"].items():
            self.stdout.write(f"{scenario:<12}" + "".join(f"{row[method]:>8.2f}" for method in METHODS))
