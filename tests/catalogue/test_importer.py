"""Importer and store behaviour on small source trees written into tmp_path.

Bad input must give a clear message naming the file, and must never cost the
catalogue that was already imported.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from knowledge.catalogue import importer as importer_module
from knowledge.catalogue.importer import ImportFailed, iter_warnings, run_import
from knowledge.catalogue.store import CatalogueNotBuilt, CatalogueStore

TODAY = date(2026, 9, 1)


def portal_record(code: str, name: str, *, level: str = "Cấp xã", fee: str = "Miễn phí") -> dict:
    return {
        "ma_thu_tuc": code,
        "ten_thu_tuc": name,
        "so_quyet_dinh": "1/QĐ-TEST",
        "cap_thuc_hien": level,
        "linh_vuc": "Hộ tịch",
        "cach_thuc_thuc_hien": f"Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc{fee}",
        "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "ket_qua_xu_ly": "Giấy xác nhậnMã: KQ.1",
        "detail_url": f"https://example.invalid/{code}",
    }


def word_record(code: str, name: str) -> dict:
    return {
        "metadata": {"mã_thủ_tục": code, "tên_thủ_tục": name, "cấp_thực_hiện": "Cấp Bộ"},
        "content": {"trình_tự_thực_hiện": "Bước 1: Nộp. Bước 2: Nhận."},
        "tables": {
            "hinh_thuc_nop": [
                {"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "05 Ngày", "phi_le_phi": "Phí : 0 Đồng"}
            ]
        },
    }


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    write(
        root / "portal-2026/bo-tu-phap/1.000001.json",
        portal_record("1.000001", "Thủ tục A (cấp tỉnh)", level="Cấp tỉnh"),
    )
    write(root / "portal-2026/bo-tu-phap/1.000002.json", portal_record("1.000002", "Thủ tục A (cấp xã)"))
    write(root / "word-export-2025/1.000003.json", word_record("1.000003", "Thủ tục B"))
    return root


@pytest.fixture()
def paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "var" / "catalogue.sqlite3", tmp_path / "var" / "import-warnings.jsonl"


def do_import(source_dir: Path, paths, **kwargs):
    db, warnings = paths
    return run_import(source_dir, db, warnings, today=TODAY, **kwargs)


def test_import_builds_a_store_with_the_contract_api(sources, paths):
    outcome = do_import(sources, paths)
    store = CatalogueStore(paths[0])
    assert store.count() == 3 == outcome.report["total"]
    assert [p.code for p in store.all()] == ["1.000001", "1.000002", "1.000003"]
    record = store.get("1.000003")
    assert record.ministry == "Bộ Quốc phòng" and record.source.format == "word-export-2025"
    assert store.get("1.000001").ministry == "Bộ Tư pháp"
    assert [p.code for p in store.family("thủ tục a")] == ["1.000001", "1.000002"]
    assert [p.code for p in store.family("Thủ tục A (cấp tỉnh)")] == ["1.000001", "1.000002"]
    assert store.get("9.999999") is None
    assert store.fingerprint() == outcome.catalogue_fingerprint != ""


def test_reimporting_the_same_sources_is_idempotent_and_if_changed_skips(sources, paths):
    first = do_import(sources, paths)
    second = do_import(sources, paths)
    assert first.catalogue_fingerprint == second.catalogue_fingerprint
    assert do_import(sources, paths, if_changed=True).skipped
    write(
        sources / "portal-2026/bo-tu-phap/1.000002.json",
        portal_record("1.000002", "Thủ tục A đổi tên (cấp xã)"),
    )
    changed = do_import(sources, paths, if_changed=True)
    assert not changed.skipped and changed.catalogue_fingerprint != first.catalogue_fingerprint


def test_if_changed_rebuilds_once_a_reduction_has_expired(sources, paths):
    fee = "50,000 Việt Nam Đồng(25.000 đồng áp dụng đến hết ngày 31/12/2026)"
    write(sources / "portal-2026/bo-tu-phap/1.000004.json", portal_record("1.000004", "Thủ tục C", fee=fee))
    do_import(sources, paths)
    db, warnings = paths
    assert run_import(sources, db, warnings, today=date(2026, 12, 31), if_changed=True).skipped
    rebuilt = run_import(sources, db, warnings, today=date(2027, 1, 1), if_changed=True)
    assert not rebuilt.skipped
    assert CatalogueStore(db).get("1.000004").channels[0].fee.reductions[0].expired


def test_unreadable_file_is_named_skipped_and_its_previous_record_kept(sources, paths):
    do_import(sources, paths)
    broken = sources / "portal-2026/bo-tu-phap/1.000002.json"
    broken.write_text('{"ma_thu_tuc": "1.000002", "ten_thu_tuc": ', encoding="utf-8")
    outcome = do_import(sources, paths)
    messages = [w for w in outcome.result.warnings if w.file == "portal-2026/bo-tu-phap/1.000002.json"]
    assert messages and "không đọc được tệp" in messages[0].message and "JSON lỗi" in messages[0].message
    assert "giữ 1 bản ghi đã nhập lần trước" in messages[0].message
    store = CatalogueStore(paths[0])
    assert store.count() == 3 and store.get("1.000002").name == "Thủ tục A (cấp xã)"
    assert any(w.file.endswith("1.000002.json") for w in iter_warnings(paths[1]))


def test_unreadable_file_on_first_import_is_skipped_with_its_name(sources, paths):
    (sources / "portal-2026/bo-tu-phap/1.000009.json").write_bytes(b"\xff\xfe not json")
    outcome = do_import(sources, paths)
    assert outcome.report["total"] == 3 and outcome.result.skipped_files == 1
    assert any(w.file == "portal-2026/bo-tu-phap/1.000009.json" for w in outcome.result.warnings)


def test_record_without_code_is_skipped_with_the_file_named(sources, paths):
    record = portal_record("", "Không mã")
    write(sources / "portal-2026/bo-tu-phap/x.json", record)
    outcome = do_import(sources, paths)
    (warning,) = [w for w in outcome.result.warnings if w.file == "portal-2026/bo-tu-phap/x.json"]
    assert "không có mã thủ tục" in warning.message
    assert CatalogueStore(paths[0]).count() == 3


def test_duplicate_codes_name_both_files_and_keep_one_by_a_fixed_rule(sources, paths):
    write(sources / "word-export-2025/1.000001.json", word_record("1.000001", "Bản trùng từ Word"))
    write(sources / "portal-2026/bo-cong-an/1.000002.json", portal_record("1.000002", "Bản trùng ở bộ khác"))
    outcome = do_import(sources, paths)
    duplicates = [w for w in outcome.result.warnings if "trùng" in w.message]
    assert len(duplicates) == 2
    word_dup = next(w for w in duplicates if w.code == "1.000001")
    assert "portal-2026/bo-tu-phap/1.000001.json" in word_dup.message
    assert "word-export-2025/1.000001.json" in word_dup.message
    store = CatalogueStore(paths[0])
    # The 2026 portal capture wins over the 2025 Word export; within a format the smaller path wins.
    assert store.get("1.000001").source.format == "portal-2026"
    assert store.get("1.000002").source.path == "portal-2026/bo-cong-an/1.000002.json"
    again = do_import(sources, paths)
    assert again.catalogue_fingerprint == outcome.catalogue_fingerprint


def test_empty_directory_fails_clearly_and_keeps_the_catalogue(sources, paths, tmp_path):
    before = do_import(sources, paths)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFailed, match="không có bản ghi nào"):
        do_import(empty, paths)
    assert CatalogueStore(paths[0]).fingerprint() == before.catalogue_fingerprint


def test_no_valid_record_fails_and_keeps_the_catalogue(sources, paths, tmp_path):
    before = do_import(sources, paths)
    bad = tmp_path / "bad"
    write(bad / "portal-2026/bo-tu-phap/a.json", {"ten_thu_tuc": "không mã"})
    (bad / "portal-2026/bo-tu-phap/b.json").write_text("[", encoding="utf-8")
    with pytest.raises(ImportFailed, match="Không có bản ghi hợp lệ"):
        do_import(bad, paths)
    assert CatalogueStore(paths[0]).fingerprint() == before.catalogue_fingerprint
    warned = {w.file for w in iter_warnings(paths[1])}
    assert warned == {"portal-2026/bo-tu-phap/a.json", "portal-2026/bo-tu-phap/b.json"}


def test_missing_directory_fails_clearly(paths, tmp_path):
    with pytest.raises(ImportFailed, match="Không tìm thấy thư mục nguồn"):
        do_import(tmp_path / "nowhere", paths)


def test_a_crash_while_writing_keeps_the_previous_file_and_leaves_no_temp(sources, paths, monkeypatch):
    before = do_import(sources, paths)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer_module, "build_report", explode)
    with pytest.raises(RuntimeError):
        do_import(sources, paths)
    monkeypatch.undo()
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith(".sqlite3"):
            raise OSError("interrupted")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        do_import(sources, paths)
    assert CatalogueStore(paths[0]).fingerprint() == before.catalogue_fingerprint
    assert [p.name for p in paths[0].parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_long_lived_store_sees_a_new_import(sources, paths):
    do_import(sources, paths)
    store = CatalogueStore(paths[0])
    assert store.count() == 3
    # Read (and so kept in memory) before the new import: none of it may outlive the swap.
    assert store.get("1.000005") is None
    assert store.get("1.000002").name == "Thủ tục A (cấp xã)"
    assert [p.code for p in store.family("thủ tục a")] == ["1.000001", "1.000002"]
    write(sources / "portal-2026/bo-tu-phap/1.000005.json", portal_record("1.000005", "Thủ tục D"))
    write(
        sources / "portal-2026/bo-tu-phap/1.000002.json",
        portal_record("1.000002", "Thủ tục E"),
    )
    write(sources / "portal-2026/bo-tu-phap/1.000006.json", portal_record("1.000006", "Thủ tục A (cấp bộ)"))
    do_import(sources, paths)
    assert store.count() == 5 and store.get("1.000005").name == "Thủ tục D"
    assert store.get("1.000002").name == "Thủ tục E"
    assert [p.code for p in store.family("thủ tục a")] == ["1.000001", "1.000006"]


def test_repeated_reads_share_one_decoded_record(sources, paths):
    do_import(sources, paths)
    store = CatalogueStore(paths[0])
    first = store.get(" 1.000001 ")
    assert store.get("1.000001") is first
    assert store.family("Thủ tục A")[0] is first


def test_store_without_a_catalogue_says_how_to_build_one(tmp_path):
    store = CatalogueStore(tmp_path / "none.sqlite3")
    assert not store.exists()
    with pytest.raises(CatalogueNotBuilt, match="tthc import"):
        store.count()


def test_store_is_opened_read_only(sources, paths):
    do_import(sources, paths)
    store = CatalogueStore(paths[0])
    store.count()
    with pytest.raises(sqlite3.OperationalError):
        store._open().execute("DELETE FROM procedures")


def test_a_parser_error_on_one_record_is_reported_not_fatal(sources, paths, monkeypatch):
    real_parse = importer_module._parse

    def flaky(source, data, today):
        if source.relative.endswith("1.000002.json"):
            raise KeyError("unexpected shape")
        return real_parse(source, data, today)

    monkeypatch.setattr(importer_module, "_parse", flaky)
    outcome = do_import(sources, paths)
    assert outcome.report["total"] == 2
    (warning,) = [w for w in outcome.result.warnings if w.file.endswith("1.000002.json")]
    assert "KeyError" in warning.message
