"""Story photos: checked and stripped of metadata by the core image service, stored, removed."""

from django.db import transaction

from qunying.core.images import clean_image
from qunying.core.services import log_action
from qunying.publicity.board import invalidate_board
from qunying.publicity.models import StoryPhoto
from qunying.publicity.rules import policy

PHOTO_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def add_story_photo(story, *, upload, caption: str = "", by) -> StoryPhoto:
    """Store a photo of a story, re-encoded without metadata; a ValidationError (Chinese message) for anything that
    is not a JPEG, PNG or WebP image of at most 10 MB."""
    policy.require(by, "add_story_photo", story)
    photo = clean_image(upload, max_bytes=PHOTO_MAX_BYTES)
    record = StoryPhoto(
        story=story,
        file_type=photo.file_type,
        size=photo.size,
        width=photo.width,
        height=photo.height,
        caption=(caption or "").strip()[:200],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record.file.save(photo.name, photo, save=False)
    record.save()
    log_action(story, "publicity.photo.added", by=by, data={"photo": record.pk, "size": record.size})
    transaction.on_commit(invalidate_board)
    return record


@transaction.atomic
def remove_story_photo(photo: StoryPhoto, *, by) -> None:
    story = photo.story
    policy.require(by, "remove_story_photo", photo)
    name, pk = photo.file.name, photo.pk
    photo.delete()
    log_action(story, "publicity.photo.removed", by=by, data={"photo": pk})
    transaction.on_commit(lambda: photo.file.storage.delete(name))
    transaction.on_commit(invalidate_board)
