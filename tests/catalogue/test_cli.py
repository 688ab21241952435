"""`tthc import`, `tthc show`, `tthc stats` through the real command line app."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import bot.cli.catalogue_cmds  # noqa: F401  (registers the commands)
from bot.cli import app
from knowledge.settings import DEMO_SOURCES

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "160"})


def test_import_prints_the_report_and_builds_the_catalogue(empty_data_dir):
    result = invoke("import", "--sources", str(DEMO_SOURCES))
    assert result.exit_code == 0, result.output
    assert "Đã nhập 9 thủ tục" in result.output
    assert "validation report" in result.output and "100.0%" in result.output
    assert (empty_data_dir / "catalogue.sqlite3").is_file()
    again = invoke("import", "--sources", str(DEMO_SOURCES), "--if-changed")
    assert again.exit_code == 0 and "bỏ qua" in again.output


def test_sources_can_come_from_the_environment(empty_data_dir, monkeypatch):
    monkeypatch.setenv("TTHC_SOURCES_DIR", str(DEMO_SOURCES))
    result = invoke("import")
    assert result.exit_code == 0, result.output
    assert "Đã nhập 9 thủ tục" in result.output


def test_show_prints_a_card_with_expired_reductions_flagged(empty_data_dir):
    invoke("import", "--sources", str(DEMO_SOURCES))
    result = invoke("show", "1.001456")
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in (
        "1.001456",
        "Cấp hộ chiếu phổ thông",
        "160.000 đồng",
        "ĐÃ HẾT HẠN từ 2023-12-31",
        "Thành phần hồ sơ",
        "demo",
    ):
        assert expected in out
    provincial = invoke("show", "1.013225").output
    assert "HĐND cấp tỉnh" in provincial
    unitless = invoke("show", "1.001193").output
    assert "nguồn không ghi đơn vị" in unitless


def test_show_json_prints_the_normalised_record(empty_data_dir):
    invoke("import", "--sources", str(DEMO_SOURCES))
    result = invoke("show", "3.000333", "--json")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["code"] == "3.000333" and record["channels"][0]["fee"]["basis"] == "regulation"


def test_show_unknown_code_says_so_in_vietnamese(empty_data_dir):
    invoke("import", "--sources", str(DEMO_SOURCES))
    result = invoke("show", "9.999999")
    assert result.exit_code == 1
    assert "Không tìm thấy thủ tục có mã '9.999999'" in result.output


def test_show_and_stats_before_any_import_explain_what_to_do(empty_data_dir):
    for args in (("show", "1.001193"), ("stats",)):
        result = invoke(*args)
        assert result.exit_code == 1 and "tthc import" in result.output


def test_stats_reports_from_the_stored_catalogue(empty_data_dir):
    invoke("import", "--sources", str(DEMO_SOURCES))
    result = invoke("stats")
    assert result.exit_code == 0
    assert "Tổng số thủ tục / total records" in result.output and "9" in result.output


def test_failed_import_exits_non_zero_and_keeps_the_catalogue(empty_data_dir, tmp_path):
    invoke("import", "--sources", str(DEMO_SOURCES))
    db = empty_data_dir / "catalogue.sqlite3"
    before = db.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("import", "--sources", str(empty))
    assert result.exit_code == 1
    assert "Nhập thất bại" in result.output and str(empty) in result.output.replace("\n", "")
    assert db.read_bytes() == before
