"""Storage for uploads that hold plaintext personal data (roster files): readable by the service account only."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class PrivateFileStorage(FileSystemStorage):
    """Files under MEDIA_ROOT created with mode 0600 from their first byte (not chmod-ed after being written), in
    directories created 0700."""

    def __init__(self, **kwargs):
        kwargs.setdefault("file_permissions_mode", FILE_MODE)
        kwargs.setdefault("directory_permissions_mode", DIRECTORY_MODE)
        super().__init__(**kwargs)

    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, mode=DIRECTORY_MODE, exist_ok=True)
        while True:
            path = self.path(name)
            try:
                # O_EXCL: never write into a file that is already there (another upload, or a planted link).
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            with os.fdopen(fd, "wb") as target:
                for chunk in content.chunks():
                    target.write(chunk.encode() if isinstance(chunk, str) else chunk)
            os.chmod(path, FILE_MODE)  # the mode os.open gets is narrowed by the umask, never widened: keep it exact
            return str(name).replace("\\", "/")


def private_storage():
    """Local 0600 files by default; with QUNYING_S3_BUCKET the (private) bucket, so that a task worker on another
    machine reads the upload a web server stored."""
    if settings.QUNYING_S3_BUCKET:
        return storages["default"]
    return PrivateFileStorage()
