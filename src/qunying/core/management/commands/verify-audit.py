"""`qunying verify-audit`: walk the audit log's hash chain; exit 0 when it is whole, 1 at the first broken entry."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from qunying.core.audit import PROBLEMS
from qunying.core.queries import CHAIN_CHUNK, verify_audit_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain: every entry unchanged, none removed, each linked to the one before."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHAIN_CHUNK, help="Entries read per query.")

    def handle(self, *args, chunk_size, **options):
        report = verify_audit_chain(chunk_size=max(chunk_size, 1))
        if report.ok:
            self.stdout.write(f"audit chain ok: {report.entries} entries")
            return
        broken = report.broken
        # The output is for operators' scripts and logs: one stable language whatever the locale.
        with translation.override("en"):
            problem = str(PROBLEMS[broken.problem])
        when = timezone.localtime(broken.created_at).strftime("%Y-%m-%d %H:%M:%S%z")
        raise CommandError(
            f"audit chain broken at entry {broken.entry_id} (sequence {broken.sequence}, {when}, "
            f"{broken.action}): {broken.problem}: {problem}",
            returncode=1,
        )
