"""Organisation background work: thin tasks that take an import's id and call the roster services; an import whose
task ends half-way is handed back by the recovery hook (see core.workers)."""

import datetime

from django.tasks import task

from qunying.core.periodic import periodic
from qunying.core.workers import supervised
from qunying.org import services
from qunying.org.models import RosterImport


def recover_import(import_id: int) -> None:
    roster_import = RosterImport.objects.filter(pk=import_id).first()
    if roster_import is not None:
        services.recover_roster_import(roster_import)


@supervised(recover=recover_import)
@task
def preview_roster_import(import_id: int) -> str:
    roster_import = services.preview_roster_import(RosterImport.objects.get(pk=import_id))
    return roster_import.status


@supervised(recover=recover_import)
@task
def commit_roster_import(import_id: int) -> str:
    roster_import = RosterImport.objects.select_related("created_by").get(pk=import_id)
    # Imports are visible to their uploader only, so the uploader is the one who commits.
    return services.commit_roster_import(roster_import, by=roster_import.created_by).status


@periodic(every=datetime.timedelta(hours=1))
@task
def discard_stale_roster_uploads() -> int:
    """Uploads checked but never confirmed hold plaintext ID numbers: they go after a day, whether or not anyone
    uploads again."""
    return services.discard_stale_uploads()
