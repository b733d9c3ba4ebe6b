"""Publicity background work: a thin task that takes a batch's id and calls the article services; a batch whose task
ends half-way is handed back by the recovery hook (see core.workers)."""

from django.tasks import task

from qunying.core.workers import supervised
from qunying.publicity.models import ArticleBatch
from qunying.publicity.services import article_batches


def recover_batch(batch_id: int) -> None:
    batch = ArticleBatch.objects.filter(pk=batch_id).first()
    if batch is not None:
        article_batches.recover_article_batch(batch)


@supervised(recover=recover_batch)
@task
def read_article_batch(batch_id: int) -> str:
    return article_batches.read_article_batch(ArticleBatch.objects.get(pk=batch_id)).status
