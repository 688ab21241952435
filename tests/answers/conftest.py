"""Real records from the shared catalogue export, when it is beside the checkout."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import pytest

from answers.builders import TODAY
from knowledge.catalogue.model import Procedure
from knowledge.catalogue.portal import parse_portal
from knowledge.catalogue.word_export import parse_word_export
from knowledge.settings import PROJECT_ROOT

SHARED_SOURCES = PROJECT_ROOT.parent / "shared" / "catalogue-sources"


@pytest.fixture(scope="session")
def real_record() -> Callable[[str], Procedure]:
    """``real_record(code)``: one record of the shared export, parsed as the importer does."""
    if not SHARED_SOURCES.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{SHARED_SOURCES} is missing under CI=true")
        pytest.skip(f"shared catalogue export not present at {SHARED_SOURCES}")

    def load(code: str) -> Procedure:
        portal = sorted(SHARED_SOURCES.glob(f"portal-2026/*/{code}.json"))
        path = portal[0] if portal else SHARED_SOURCES / "word-export-2025" / f"{code}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        relative = path.relative_to(SHARED_SOURCES).as_posix()
        if portal:
            parsed = parse_portal(data, path=relative, ministry_slug=path.parent.name, today=TODAY)
        else:
            parsed = parse_word_export(data, path=relative, today=TODAY)
        return parsed.procedure

    return load
