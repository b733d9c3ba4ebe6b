"""Party branch background work: thin tasks that take rating ids and call the rating services."""

from django.tasks import task

from qunying.branches import services


@task
def refresh_branch_ratings(rating_ids: list[int]) -> int:
    return services.refresh_ratings(rating_ids)
