"""The demo catalogue shipped with the code: always available, clearly marked as demo."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from knowledge.catalogue.importer import run_import
from knowledge.catalogue.store import CatalogueStore

TODAY = date(2026, 9, 1)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_sources: Path) -> CatalogueStore:
    var = tmp_path_factory.mktemp("demo-var")
    outcome = run_import(demo_sources, var / "catalogue.sqlite3", var / "warnings.jsonl", today=TODAY)
    assert outcome.result.warnings == []
    return CatalogueStore(var / "catalogue.sqlite3")


def test_every_demo_file_says_it_is_demo_data(demo_sources: Path):
    files = sorted((demo_sources / "portal-demo").rglob("*.json"))
    assert 6 <= len(files) <= 10
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["demo"] is True and record["detail_url"] is None
        assert "không phải danh mục" in record["ghi_chu_demo"]
    assert "not the official catalogue" in (demo_sources / "README.md").read_text(encoding="utf-8").lower()


def test_demo_records_are_stored_as_demo(demo_store: CatalogueStore):
    procedures = list(demo_store.all())
    assert len(procedures) == 9
    assert {p.source.format for p in procedures} == {"demo"}
    assert all(p.source.url is None and p.source.captured == "2026-11" for p in procedures)


def test_demo_covers_the_shapes_the_assistant_must_handle(demo_store: CatalogueStore):
    passport = demo_store.get("1.001456")
    online = passport.channels[0]
    assert online.fee.amount_vnd == [160000] and online.fee.reductions[0].expired
    assert [p.code for p in demo_store.family(passport.family)] == ["1.001456", "1.001471"]
    assert demo_store.get("1.000894").channels[0].fee.basis == "provincial"
    lltp = demo_store.get("3.000333").channels[0].fee
    assert (lltp.basis, lltp.regulation, lltp.free) == ("regulation", "244/2016/TT-BTC", False)
    birth = demo_store.get("1.001193")
    assert birth.channels[0].time.unit is None and birth.channels[0].fee.free
    residence = demo_store.get("1.004222")
    assert [g.case for g in residence.documents] == [
        "Đăng ký vào chỗ ở thuộc quyền sở hữu của mình",
        "Đăng ký vào chỗ ở do thuê, mượn, ở nhờ",
    ]
    assert residence.documents[0].items[0].form == "Mẫu CT01 (minh họa).docx"
    assert [c.fee.amount_vnd for c in residence.channels] == [[10000], [20000]]
    assert demo_store.get("1.013225").legal_basis[0].number == "50/2014/QH13"
