"""`qunying check-records`: every stored record that breaks a record rule (honours outside their category, deeds
decided by someone involved, entitlements without a valid basis, dates out of order), as a readable Chinese report
and optionally a workbook; exit 0 when there is none, 1 otherwise."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from qunying.core.integrity import find_problems, report_lines, write_problems


class Command(BaseCommand):
    help = "Report every record that breaks a record rule; exit 1 when any does. --xlsx FILE also writes them."

    def add_arguments(self, parser):
        parser.add_argument("--xlsx", metavar="FILE", help="Also write the problems to this Excel file.")

    def handle(self, *args, xlsx=None, **options):
        # The report is for the political department: Chinese whatever the server's locale.
        with translation.override("zh-hans"):
            problems = find_problems()
            for line in report_lines(problems):
                self.stdout.write(line)
            if xlsx:
                with open(xlsx, "wb") as target:
                    write_problems(problems, target)
                self.stdout.write(translation.gettext("Written to %(file)s.") % {"file": xlsx})
            if problems:
                raise CommandError(
                    translation.gettext("%(count)d records break a rule.") % {"count": len(problems)}, returncode=1
                )
