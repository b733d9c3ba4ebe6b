"""Sheet import background work: thin tasks that take an import's id and call the pipeline's services; an import
whose task ends half-way is handed back by the recovery hook (see core.workers)."""

import datetime

from django.tasks import task

from qunying.core.imports import services
from qunying.core.models import SheetImport
from qunying.core.periodic import periodic
from qunying.core.workers import supervised


def recover_sheet_import(import_id: int) -> None:
    sheet_import = SheetImport.objects.filter(pk=import_id).first()
    if sheet_import is not None:
        services.recover_import(sheet_import)


@supervised(recover=recover_sheet_import)
@task
def preview_sheet_import(import_id: int) -> str:
    return services.preview_import(SheetImport.objects.select_related("created_by").get(pk=import_id)).status


@supervised(recover=recover_sheet_import)
@task
def commit_sheet_import(import_id: int) -> str:
    # Imports are visible to their uploader only, so the uploader is the one who commits.
    return services.commit_import(SheetImport.objects.select_related("created_by").get(pk=import_id)).status


@periodic(every=datetime.timedelta(hours=1))
@task
def discard_stale_sheet_uploads() -> int:
    """Uploads checked but never confirmed may hold ID numbers: they go after a day."""
    return services.discard_stale_uploads()
