"""Where the read-only shared data sets live (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """``$HOMESHORE_SHARED_DIR`` if set, else ``<repository>/../shared`` (as in CI)."""
    configured = os.environ.get("HOMESHORE_SHARED_DIR")
    return Path(configured) if configured else REPOSITORY.parent / "shared"
