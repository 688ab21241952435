"""The whole shared export imports cleanly (the figures themselves are printed by `tthc import`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.catalogue.importer import run_import
from knowledge.catalogue.model import CHANNELS, LEVELS
from knowledge.catalogue.store import CatalogueStore


@pytest.fixture(scope="module")
def full(tmp_path_factory, shared_sources: Path):
    var = tmp_path_factory.mktemp("full-var")
    outcome = run_import(
        shared_sources, var / "catalogue.sqlite3", var / "warnings.jsonl", today=date(2026, 9, 1)
    )
    return outcome, CatalogueStore(var / "catalogue.sqlite3")


def test_every_source_file_becomes_one_record(full):
    outcome, store = full
    assert outcome.result.skipped_files == 0
    assert store.count() == outcome.report["total"] == outcome.result.files == 2642 + 207
    assert outcome.report["formats"] == {"portal-2026": 2642, "word-export-2025": 207}


def test_parsed_shares_stay_high(full):
    shares = full[0].report["shares"]
    assert shares["channels"] > 0.99 and shares["documents"] > 0.98 and shares["steps"] > 0.99
    assert shares["time"] > 0.9 and shares["fee"] > 0.8 and shares["legal_basis"] > 0.95


def test_records_only_use_the_normalised_vocabularies(full):
    _, store = full
    ministries = set()
    for procedure in store.all():
        assert procedure.name and procedure.family
        assert set(procedure.levels) <= set(LEVELS)
        assert {c.channel for c in procedure.channels} <= set(CHANNELS)
        for channel in procedure.channels:
            assert channel.fee.free is False or channel.fee.basis == "free"
            assert channel.time.unit is None or channel.time.unit in channel.time.text.lower()
        ministries.add(procedure.ministry)
    assert None not in ministries and "Bộ Quốc phòng" in ministries and "Bộ Công an" in ministries


def test_passport_family_groups_both_levels(full):
    _, store = full
    codes = {p.code for p in store.family("Cấp hộ chiếu phổ thông ở trong nước")}
    assert {"1.001456", "1.001471"} <= codes
