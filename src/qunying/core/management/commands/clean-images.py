"""`qunying clean-images`: put every image already stored through the core image service (metadata removed, stored
under the extension of its real format); files that are already clean are left alone, so it can run any number of
times."""

import sys
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models, transaction

from qunying.core.images import CONTENT_TYPES, describe, image_content_type, image_type, reencode
from qunying.core.services import log_action

# Fields that describe the stored file on some models (evidence, materials, story photos): kept true after a change.
DESCRIPTION_FIELDS = {"file_type": "file_type", "size": "size", "width": "width", "height": "height"}


class Command(BaseCommand):
    help = "Re-encode every stored image without EXIF/GPS/XMP/ICC metadata; idempotent, reports counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, change nothing.")
        parser.add_argument(
            "--remove-orphans",
            action="store_true",
            help="Also delete image files under the media root that no record refers to (listed otherwise).",
        )

    def handle(self, *args, dry_run=False, remove_orphans=False, **options):
        counts, problems, referenced = Counter(), [], set()
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    self.clean_field(model, field, counts, problems, referenced, dry_run)
        counts["orphans"] = self.orphans(referenced, remove=remove_orphans and not dry_run)
        if not dry_run:
            log_action(None, "core.images.cleaned", by=None, data=dict(counts))
        for label, pk, name, reason in problems:
            self.stderr.write(f"{label} #{pk} {name}: {reason}")
        verb = "would be re-encoded" if dry_run else "re-encoded"
        self.stdout.write(
            f"images: {counts['checked']} checked, {counts['reencoded']} {verb} "
            f"({counts['renamed']} with a new extension), {counts['clean']} already clean, "
            f"{counts['unreadable']} unreadable, {counts['missing']} missing; "
            f"{counts['other']} other files left alone; {counts['orphans']} orphaned images"
            + (" removed" if remove_orphans and not dry_run else "")
        )
        if counts["unreadable"]:
            sys.exit(1)  # a file in an image field that the service cannot read: someone must look at it

    def clean_field(self, model, field, counts, problems, referenced, dry_run) -> None:
        names = {f.name for f in model._meta.concrete_fields}
        described = [name for name in DESCRIPTION_FIELDS if name in names] if "file_type" in names else []
        rows = model._base_manager.exclude(**{field.name: ""}).only("pk", field.name, *described).order_by("pk")
        for row in rows.iterator(chunk_size=200):
            stored = getattr(row, field.name)
            referenced.add(stored.name)
            try:
                with stored.storage.open(stored.name, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                counts["missing"] += 1
                problems.append((model._meta.label, row.pk, stored.name, "file missing"))
                continue
            if image_type(data) is None:
                # Documents and workbooks are not images; an image field holding one is a problem to report.
                if isinstance(field, models.ImageField):
                    counts["unreadable"] += 1
                    problems.append((model._meta.label, row.pk, stored.name, "not a JPEG, PNG or WebP image"))
                else:
                    counts["other"] += 1
                continue
            counts["checked"] += 1
            try:
                file_type, metadata = describe(data)
                right_name = image_content_type(stored.name) == CONTENT_TYPES[file_type]
                if not metadata and right_name:
                    counts["clean"] += 1
                    continue
                picture = reencode(data)
            except ValidationError as error:
                counts["unreadable"] += 1
                problems.append((model._meta.label, row.pk, stored.name, " ".join(error.messages)))
                continue
            counts["reencoded"] += 1
            counts["renamed"] += not right_name
            if not dry_run:
                referenced.add(self.replace(model, field, row, picture, described))

    def replace(self, model, field, row, picture, described) -> str:
        """The clean file under a new name first, then the row, then the old file goes once the row is committed."""
        old = getattr(row, field.name)
        for name in described:
            setattr(row, name, getattr(picture, DESCRIPTION_FIELDS[name]))
        new_name = field.storage.save(field.generate_filename(row, picture.name), picture)
        with transaction.atomic():
            model._base_manager.filter(pk=row.pk).update(
                **{field.name: new_name}, **{name: getattr(row, name) for name in described}
            )
            transaction.on_commit(lambda: old.storage.delete(old.name))
        return new_name

    def orphans(self, referenced: set[str], *, remove: bool) -> int:
        """Images on disk that no record names (photos replaced before replacing deleted them): listed or removed."""
        root = Path(getattr(default_storage, "location", ""))
        if not root.is_dir():
            return 0
        found = 0
        for path in sorted(root.rglob("*")):
            name = path.relative_to(root).as_posix()
            if not path.is_file() or name in referenced:
                continue
            with path.open("rb") as handle:
                if image_type(handle.read(16)) is None:
                    continue
            found += 1
            if remove:
                path.unlink()
            else:
                self.stderr.write(f"orphaned image: {name}")
        return found
