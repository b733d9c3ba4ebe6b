"""`qunying backup DIR`: a consistent snapshot of the database plus the uploaded files, with a checksummed manifest.

The keys are left out unless `--include-keys` is given (then they go to DIR/keys.env, a separate file to keep apart).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qunying.core.backup import KEY_SETTINGS, BackupError, write_backup


class Command(BaseCommand):
    help = "Write a backup (database snapshot, uploaded files, manifest with checksums) into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A new or empty directory for the backup.")
        parser.add_argument(
            "--include-keys",
            action="store_true",
            help="Also write the encryption, blind-index and audit keys to DIR/keys.env (guard it; store it apart).",
        )

    def handle(self, *args, directory, include_keys, **options):
        try:
            outcome = write_backup(directory, include_keys=include_keys)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Backup written to %(path)s: %(engine)s database, %(media)s uploaded files, manifest with checksums.")
            % {"path": outcome.directory, "engine": outcome.engine, "media": outcome.media_files}
        )
        names = ", ".join(KEY_SETTINGS)
        if outcome.keys_file:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "WARNING: the keys (%(names)s) are in %(path)s. Whoever has this file and the backup can "
                        "read every encrypted field: move it to separate, guarded storage."
                    )
                    % {"names": names, "path": outcome.keys_file}
                )
            )
        else:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "WARNING: the backup does NOT contain the keys (%(names)s). Without them the encrypted "
                        "fields cannot be read and the audit chain cannot be verified: keep a copy of the keys in "
                        "separate, guarded storage, or run again with --include-keys."
                    )
                    % {"names": names}
                )
            )
