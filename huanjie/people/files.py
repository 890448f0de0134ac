"""Files that hold full ID numbers (register uploads and exports, batch PDFs) on disk: readable
by the server's user only. Their folders may predate the upload permission settings."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def keep_private(path: str | Path, under: str) -> None:
    """The file 0600 (when `path` is one) and its folders 0700, up to and including
    MEDIA_ROOT/`under`."""
    folder = Path(path)
    top = Path(settings.MEDIA_ROOT) / under
    if folder.is_file():
        os.chmod(folder, 0o600)
        folder = folder.parent
    while top in (folder, *folder.parents):
        os.chmod(folder, 0o700)
        folder = folder.parent
