"""Storage for uploaded files that only permission-checked views may serve.

Files live beside the public media, never under it: the development server and a careless web
server configuration publish everything under MEDIA_ROOT, so a private document must not be there.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return os.environ.get("ENTENTE_PRIVATE_MEDIA_ROOT") or f"{str(settings.MEDIA_ROOT).rstrip('/')}-prive"


PRIVATE_STORAGE = PrivateStorage()


def private_storage():
    return PRIVATE_STORAGE


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target, then move into place: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
