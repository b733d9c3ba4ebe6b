"""`qunying generate-province`: a synthetic province in the configured database, for benchmarks at city scale."""

from django.core.management.base import BaseCommand

from qunying.demo import province


class Command(BaseCommand):
    help = (
        "Build a synthetic province (units, people, deeds, honours, citizen ratings and workflows) into the configured "
        "database, by bulk writes. The same seed builds the same province; a second run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, required=True, help="How many people (e.g. 20000 or 200000).")
        parser.add_argument("--seed", type=int, default=province.DEFAULT_SEED)
        parser.add_argument("--ratings-per-officer", type=int, default=50, help="Citizen replies per officer.")
        parser.add_argument(
            "--no-rebuild", action="store_true", help="Do not rebuild the summary tables afterwards (for old code)."
        )

    def handle(self, *args, **options):
        if options["people"] < 10:
            self.stderr.write("--people 至少为 10。")
            return
        province.generate(
            people=options["people"],
            seed=options["seed"],
            ratings_per_officer=options["ratings_per_officer"],
            rebuild=not options["no_rebuild"],
            stdout=self.stdout,
        )
