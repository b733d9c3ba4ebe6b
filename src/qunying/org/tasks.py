"""Organisation background work: thin tasks that take an import's id and call the roster services."""

from django.tasks import task

from qunying.org import services
from qunying.org.models import RosterImport


@task
def preview_roster_import(import_id: int) -> str:
    roster_import = services.preview_roster_import(RosterImport.objects.get(pk=import_id))
    return roster_import.status


@task
def commit_roster_import(import_id: int) -> str:
    roster_import = RosterImport.objects.select_related("created_by").get(pk=import_id)
    # Imports are visible to their uploader only, so the uploader is the one who commits.
    return services.commit_roster_import(roster_import, by=roster_import.created_by).status
