"""Fixtures for the catalogue tests.

Golden tests read the shared export beside the checkout; they skip on a fresh
clone without it and fail under ``CI=true``, where it must be present.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from knowledge.catalogue.model import Procedure
from knowledge.catalogue.portal import parse_portal
from knowledge.catalogue.records import ParsedRecord
from knowledge.catalogue.word_export import parse_word_export
from knowledge.settings import DEMO_SOURCES, PROJECT_ROOT

SHARED_SOURCES = PROJECT_ROOT.parent / "shared" / "catalogue-sources"
# Fee reductions are judged against this date so the tests do not change
# verdict as the calendar moves on.
TODAY = date(2026, 9, 1)


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    if not SHARED_SOURCES.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{SHARED_SOURCES} is missing under CI=true")
        pytest.skip(f"shared catalogue export not present at {SHARED_SOURCES}")
    return SHARED_SOURCES


@pytest.fixture(scope="session")
def demo_sources() -> Path:
    return DEMO_SOURCES


def parse_shared(sources: Path, code: str) -> ParsedRecord:
    """Parse one real record by code, from whichever source folder holds it."""
    portal = sorted(sources.glob(f"portal-2026/*/{code}.json"))
    if portal:
        path = portal[0]
        return parse_portal(
            json.loads(path.read_text(encoding="utf-8")),
            path=path.relative_to(sources).as_posix(),
            ministry_slug=path.parent.name,
            today=TODAY,
        )
    path = sources / "word-export-2025" / f"{code}.json"
    return parse_word_export(
        json.loads(path.read_text(encoding="utf-8")), path=path.relative_to(sources).as_posix(), today=TODAY
    )


@pytest.fixture(scope="session")
def real(shared_sources: Path):
    """``real(code) -> Procedure`` for records of the shared export (cached)."""
    cache: dict[str, Procedure] = {}

    def get(code: str) -> Procedure:
        if code not in cache:
            cache[code] = parse_shared(shared_sources, code).procedure
        return cache[code]

    return get
