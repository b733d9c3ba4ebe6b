"""`qunying restore DIR`: a backup of `qunying backup` into an empty database and an empty upload storage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qunying.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup into an empty database (checksums are checked first; a non-empty database is refused)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A directory written by `qunying backup`.")

    def handle(self, *args, directory, **options):
        try:
            outcome = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored %(path)s: %(engine)s database and %(media)s uploaded files. Run `qunying migrate` next.")
            % {"path": outcome.directory, "engine": outcome.engine, "media": outcome.media_files}
        )
        if outcome.key_mismatches:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "WARNING: these keys differ from the ones the backup was made with: %(names)s. Set them to "
                        "the backup's keys (its keys.env, or your key storage) before starting the site, or the "
                        "encrypted fields cannot be read and the audit chain will not verify."
                    )
                    % {"names": ", ".join(outcome.key_mismatches)}
                )
            )
