"""Where the project keeps what it builds and where it reads its inputs from.

Every path can be overridden by an environment variable so that an operator can
point the assistant at another data directory or another catalogue export
without touching code.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SOURCES = Path(__file__).resolve().parent / "catalogue" / "demo"


def data_dir() -> Path:
    """Directory for built artefacts (catalogue DB, model, index, Rasa model)."""
    path = Path(os.environ.get("TTHC_DATA_DIR", PROJECT_ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def catalogue_db_path() -> Path:
    return Path(os.environ.get("TTHC_CATALOGUE_DB", data_dir() / "catalogue.sqlite3"))


def default_sources_dir() -> Path:
    """The catalogue export to import when none is given.

    ``TTHC_SOURCES_DIR`` wins; otherwise the shared export beside the checkout;
    otherwise the small demo catalogue shipped with the code, so a fresh clone
    without the shared data still works end to end.
    """
    configured = os.environ.get("TTHC_SOURCES_DIR")
    if configured:
        return Path(configured)
    shared = PROJECT_ROOT.parent / "shared" / "catalogue-sources"
    if shared.is_dir():
        return shared
    return DEMO_SOURCES
