"""qunying simulate-selection --seed N [--json]: raw versus normalised selection on a synthetic population."""

import json as json_module

from django.core.management.base import BaseCommand

from qunying.campaigns.simulation import simulate


class Command(BaseCommand):
    help = "Simulate a selection with known merit; compare raw scoring with the normalised pipeline."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, seed, json: bool = False, **options):
        result = simulate(seed)
        if json:
            self.stdout.write(json_module.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                f"seed {seed}: top-{result['top_k']} precision raw {result['raw_precision']:.2f}, "
                f"normalised {result['normalised_precision']:.2f}"
            )
