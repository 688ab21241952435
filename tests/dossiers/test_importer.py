"""Importing one-stop exports: good rows load, bad rows are reported by row number, nothing is lost."""

from __future__ import annotations

import csv
import unicodedata
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from knowledge.dossiers.importer import ImportFailed, import_file
from knowledge.dossiers.mapping import FieldMapping, MappingError
from knowledge.dossiers.status import DossierStatus
from knowledge.settings import PROJECT_ROOT

EXAMPLE_MAPPING = PROJECT_ROOT / "config" / "dossiers" / "mapping-example.yml"
HEADER = [
    "Mã hồ sơ",
    "Mã thủ tục",
    "Tên thủ tục",
    "Cơ quan tiếp nhận",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày xử lý xong",
    "Tình trạng",
    "Người nộp",
    "Số điện thoại",
]


def row(code="000.00.04.H51-260316-0001", **changes):
    values = {
        "Mã hồ sơ": code,
        "Mã thủ tục": "1.001193",
        "Tên thủ tục": "Thủ tục đăng ký khai sinh",
        "Cơ quan tiếp nhận": "UBND phường An Bình",
        "Ngày tiếp nhận": "16/03/2026 09:30",
        "Ngày hẹn trả": "27/03/2026",
        "Ngày xử lý xong": "",
        "Tình trạng": "Đang giải quyết",
        "Người nộp": "Nguyễn Văn Bí Mật",
        "Số điện thoại": "0912 345 678",
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def cp1258_form(text: str) -> str:
    """How Windows-1258 writes Vietnamese: shaped letters precomposed, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones)))
        out.extend(p for p in parts if p in tones)
    return "".join(out)


@pytest.fixture()
def mapping():
    return FieldMapping.load(EXAMPLE_MAPPING)


def test_good_and_bad_rows_are_reported_by_row_number(tmp_path, sqlite_store, mapping):
    rows = [
        row("000.00.04.H51-260316-0001"),  # row 2
        row("000.00.04.H51-260316-0002", **{"Ngày hẹn trả": "31/02/2026"}),  # row 3: bad date
        row(""),  # row 4: missing code
        row("HS-2026-0001"),  # row 5: not a code
        row("000.00.04.h51 260316 0001"),  # row 6: duplicate of row 2 once normalised
        row("000.00.04.H51-260316-0003", **{"Ngày hẹn trả": "10/03/2026"}),  # row 7: due before received
        row("000.00.04.H51-260316-0004", **{"Tình trạng": "Đang bay"}),  # row 8: unknown status
        row(
            "000.00.04.H51-260316-0005",
            **{"Tình trạng": "Đã có kết quả", "Ngày xử lý xong": "20/03/2026 15:00"},
        ),
        row("000.00.04.H51-260316-0006", **{"Tên thủ tục": " "}),  # row 10: no procedure name
    ]
    report = import_file(write_csv(tmp_path / "export.csv", rows), sqlite_store, mapping)
    assert (report.read, report.loaded, report.inserted) == (9, 2, 2)
    reasons = {r.row: r.reason for r in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 10]
    assert "không đọc được ngày '31/02/2026'" in reasons[3] and "Ngày hẹn trả" in reasons[3]
    assert reasons[4].startswith("thiếu mã hồ sơ")
    assert "không phải mã hồ sơ hợp lệ" in reasons[5]
    assert reasons[6] == "trùng mã hồ sơ 000.00.04.H51-260316-0001 với dòng 2"
    assert "trước ngày tiếp nhận" in reasons[7]
    assert "không nhận ra 'Đang bay'" in reasons[8]
    assert "thiếu tên thủ tục" in reasons[10]
    for reason in reasons.values():
        assert "0912" not in reason and "Bí Mật" not in reason
    stored = sqlite_store.get("000.00.04.H51-260316-0005")
    assert stored.status is DossierStatus.RESULT_READY
    assert stored.finished_at == datetime(2026, 3, 20, 15, 0)
    assert stored.agency_address == "Bộ phận Một cửa, nơi anh/chị đã nộp hồ sơ"  # mapping default
    assert stored.applicant.phone == "0912345678"
    assert [c.status for c in stored.history] == [DossierStatus.RECEIVED, DossierStatus.RESULT_READY]


def test_a_bad_file_never_loses_existing_rows(tmp_path, sqlite_store, mapping, make_dossier):
    existing = make_dossier(code="000.00.04.H51-260316-0001")
    sqlite_store.upsert([existing])
    # The same code again, now with a broken date: the stored dossier must stay as it was.
    bad = write_csv(tmp_path / "bad.csv", [row("000.00.04.H51-260316-0001", **{"Ngày tiếp nhận": "hôm qua"})])
    report = import_file(bad, sqlite_store, mapping)
    assert report.loaded == 0 and len(report.rejected) == 1
    assert sqlite_store.get(existing.code) == existing
    (tmp_path / "garbage.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFailed, match="Excel"):
        import_file(tmp_path / "garbage.xlsx", sqlite_store, mapping)
    (tmp_path / "export.pdf").write_text("x", encoding="utf-8")
    with pytest.raises(ImportFailed, match="chỉ nhận tệp"):
        import_file(tmp_path / "export.pdf", sqlite_store, mapping)
    assert sqlite_store.count() == 1


def test_reimport_updates_and_keeps_history(tmp_path, sqlite_store, mapping):
    path = tmp_path / "export.csv"
    import_file(write_csv(path, [row()]), sqlite_store, mapping)
    later = row(**{"Tình trạng": "Đã trả kết quả", "Ngày xử lý xong": "20/03/2026 15:00"})
    report = import_file(write_csv(path, [later]), sqlite_store, mapping)
    assert (report.inserted, report.updated) == (0, 1)
    stored = sqlite_store.get("000.00.04.H51-260316-0001")
    assert stored.status is DossierStatus.RETURNED
    assert DossierStatus.RECEIVED in [c.status for c in stored.history]


def test_windows_1258_semicolon_csv(tmp_path, sqlite_store, mapping):
    # Vietnamese Excel on Windows: cp1258 (decomposed tone marks) and ";" separators.
    path = tmp_path / "legacy.csv"
    with path.open("w", newline="", encoding="cp1258") as handle:
        writer = csv.writer(handle, delimiter=";")
        for cells in (HEADER, row()):
            writer.writerow([cp1258_form(str(c)) for c in cells])
    report = import_file(path, sqlite_store, mapping)
    assert report.loaded == 1, report.rejected
    stored = sqlite_store.get("000.00.04.H51-260316-0001")
    assert stored.procedure_name == "Thủ tục đăng ký khai sinh"  # NFC again after cp1258


def test_xlsx_with_title_rows_date_cells_and_number_phones(tmp_path, sqlite_store, mapping):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 3/2026"])
    sheet.append([])
    sheet.append(HEADER)
    good = row()
    good[4] = datetime(2026, 3, 16, 9, 30)  # a real date cell
    good[5] = date(2026, 3, 27)
    good[9] = 912345678  # phone typed as a number: the leading 0 is gone
    sheet.append(good)
    sheet.append([None] * len(HEADER))  # blank rows are skipped, not rejected
    sheet.append(row("000.00.04.H51-260316-0002", **{"Ngày hẹn trả": "27-03-2026"}))
    sheet.append(row("000.00.04.H51-260316-0003", **{"Số điện thoại": ""}))
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    report = import_file(path, sqlite_store, mapping)
    assert (report.read, report.loaded, report.without_phone) == (3, 3, 1), report.rejected
    stored = sqlite_store.get("000.00.04.H51-260316-0001")
    assert stored.received_at == datetime(2026, 3, 16, 9, 30)
    assert stored.applicant.phone == "0912345678"


def test_xlsx_row_numbers_match_the_spreadsheet(tmp_path, sqlite_store, mapping):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Báo cáo"])
    sheet.append(HEADER)
    sheet.append(row())
    sheet.append(row("sai mã"))
    workbook.save(tmp_path / "x.xlsx")
    report = import_file(tmp_path / "x.xlsx", sqlite_store, mapping)
    assert [r.row for r in report.rejected] == [4]


def test_missing_required_column_fails_the_whole_file(tmp_path, sqlite_store, mapping):
    path = tmp_path / "export.csv"
    path.write_text("Mã hồ sơ,Tên thủ tục\n000.00.04.H51-260316-0001,Khai sinh\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="'Ngày tiếp nhận'"):
        import_file(path, sqlite_store, mapping)
    path.write_text("Số,Tên\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="dòng tiêu đề"):
        import_file(path, sqlite_store, mapping)
    with pytest.raises(ImportFailed, match="không tìm thấy tệp"):
        import_file(tmp_path / "nope.csv", sqlite_store, mapping)
    assert sqlite_store.count() == 0


def test_dry_run_writes_nothing(tmp_path, sqlite_store, mapping):
    report = import_file(write_csv(tmp_path / "e.csv", [row()]), sqlite_store, mapping, dry_run=True)
    assert report.loaded == 1 and report.dry_run
    assert sqlite_store.count() == 0


def test_identity_mapping_uses_field_names(tmp_path, sqlite_store):
    path = tmp_path / "plain.csv"
    path.write_text(
        "code,procedure_name,received_at,due_at,status,applicant_phone\n"
        "000.00.04.H51-260316-0001,Khai sinh,2026-03-16 09:30:00,2026-03-27,processing,0912345678\n",
        encoding="utf-8",
    )
    assert import_file(path, sqlite_store).loaded == 1


def test_mapping_errors_are_clear(tmp_path):
    with pytest.raises(MappingError, match="unknown record fields"):
        FieldMapping.from_dict({"columns": {"code": "A", "colour": "B"}})
    with pytest.raises(MappingError, match="no source field mapped"):
        FieldMapping.from_dict({"columns": {"code": "A"}})
    with pytest.raises(MappingError, match="unknown dossier status"):
        FieldMapping.from_dict(
            {
                "columns": {"code": "a", "procedure_name": "b", "received_at": "c", "due_at": "d"},
                "status_values": {"x": "flying"},
            }
        )
    bad = tmp_path / "m.yml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(MappingError, match="top level"):
        FieldMapping.load(bad)
