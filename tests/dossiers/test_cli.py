"""`tthc dossiers ...` end to end on a temporary data directory."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from bot.cli import _register, app
from knowledge.settings import PROJECT_ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("TTHC_DATA_DIR", str(tmp_path))
    for name in ("TTHC_DOSSIER_BACKEND", "TTHC_DOSSIER_DB_URL", "TTHC_DOSSIER_DB_SCHEMA", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    _register()


def invoke(*args):
    return runner.invoke(app, ["dossiers", *args])


def test_demo_then_show_then_lookup(tmp_path):
    result = invoke("demo", "--count", "60", "--today", "2026-03-25")
    assert result.exit_code == 0, result.output
    assert "Đã nạp 60 hồ sơ DEMO" in result.output
    assert (tmp_path / "dossiers.sqlite3").exists()
    late = re.search(r"late\s+│\s+(\S+)\s+│\s+(\d{4})", result.output)
    code, digits = late.groups()

    shown = invoke("show", code.lower().replace("-", " "))
    assert shown.exit_code == 0, shown.output
    assert "(DEMO)" in shown.output and "010****" in shown.output
    assert not re.search(r"0100\d{6}", shown.output)  # the full phone number never appears

    found = invoke("lookup", f"hồ sơ {code} đến đâu rồi", digits, "--today", "2026-03-25")
    assert found.exit_code == 0 and "[found]" in found.output
    assert "thành thật xin lỗi" in found.output
    wrong = invoke("lookup", code, "0000" if digits != "0000" else "1111")
    assert "[not_verified]" in wrong.output


def test_demo_rerun_replaces_only_demo_rows():
    invoke("demo", "--count", "30")
    result = invoke("demo", "--count", "10")
    assert "kho có 10 hồ sơ" in result.output


def test_import_reports_rejected_rows(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Mã hồ sơ,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Tình trạng,Số điện thoại\n"
        "000.00.04.H51-260316-0001,Khai sinh,16/03/2026,27/03/2026,Đang xử lý,0912345678\n"
        "000.00.04.H51-260316-0002,Khai sinh,16/03/2026,không rõ,Đang xử lý,0912345678\n",
        encoding="utf-8",
    )
    mapping = PROJECT_ROOT / "config" / "dossiers" / "mapping-example.yml"
    result = invoke("import", str(path), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "loaded: 1" in result.output and "rejected: 1" in result.output
    assert "không đọc được ngày 'không rõ'" in result.output


def test_bad_inputs_are_clear_errors_not_tracebacks(tmp_path):
    missing = invoke("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "không tìm thấy tệp" in missing.output
    bad_mapping = tmp_path / "m.yml"
    bad_mapping.write_text("columns: {code: A}\n", encoding="utf-8")
    result = invoke("import", str(tmp_path / "nope.csv"), "--mapping", str(bad_mapping))
    assert result.exit_code == 2 and "no source field mapped" in result.output
    assert invoke("show", "không phải mã").exit_code == 2
    assert invoke("demo", "--today", "25/03/2026").exit_code == 2
    assert "Traceback" not in missing.output + result.output


def test_holidays_command():
    result = invoke("holidays", "2026")
    assert result.exit_code == 0
    assert "17/02/2026 (thứ Ba)" in result.output and "Giỗ Tổ" in result.output
