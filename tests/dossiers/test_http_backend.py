"""The province API adapter, against a fake one-stop server over real HTTP on 127.0.0.1."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from knowledge.dossiers.backends import open_backend
from knowledge.dossiers.backends.base import BackendUnavailable
from knowledge.dossiers.backends.http import HttpBackendConfig, HttpDossierBackend
from knowledge.dossiers.lookup import DossierLookup, OutcomeKind
from knowledge.dossiers.settings import ConfigError
from knowledge.dossiers.status import DossierStatus
from knowledge.settings import PROJECT_ROOT

from .conftest import TODAY
from .fake_onestop import FakeOneStop, Reply, province_record

CODE = "000.00.04.H51-260316-0007"
CONFIG_DIR = PROJECT_ROOT / "config" / "dossiers"


@pytest.fixture()
def server():
    with FakeOneStop() as fake:
        yield fake


def province_config(url: str, **overrides) -> dict:
    data = {
        "base_url": url,
        "path": "/api/tracuuhoso",
        "params": {"mahoso": "{code}"},
        "headers": {"X-Api-Key": "${TEST_ONESTOP_KEY}"},
        "timeout_seconds": 0.3,  # generous for 127.0.0.1, well under the slow replies
        "retries": 2,
        "backoff_seconds": 0.01,
        "record_path": "data",
        "fields": {
            "code": "mahoso",
            "procedure_name": "tenhoso",
            "agency_name": "donvixuly",
            "agency_address": "noitraketqua",
            "received_at": "ngaynhan",
            "due_at": "ngaytraketqua",
            "new_due_at": "ngayhenmoi",
            "finished_at": "ngayxulyxong",
            "status": "tinhtrang_hoso",
            "applicant_phone": "tccn_dienthoai",
        },
    }
    data.update(overrides)
    return data


@pytest.fixture()
def backend(server, monkeypatch):
    monkeypatch.setenv("TEST_ONESTOP_KEY", "secret-key")
    sleeps: list[float] = []
    adapter = HttpDossierBackend(
        HttpBackendConfig.from_dict(province_config(server.url)), sleep=sleeps.append
    )
    adapter.sleeps = sleeps  # type: ignore[attr-defined]
    yield adapter
    adapter.close()


def test_record_is_mapped(server, backend):
    server.script(CODE, Reply(200, {"data": province_record(CODE)}))
    dossier = backend.get(CODE)
    assert dossier.code == CODE
    assert dossier.procedure_name == "Thủ tục đăng ký khai sinh"
    assert dossier.received_at == datetime(2026, 3, 16, 9, 30)
    assert dossier.due_at == date(2026, 3, 27)
    assert dossier.finished_at is None
    assert dossier.status is DossierStatus.PROCESSING
    assert dossier.applicant.phone_last4 == "5678"
    assert dossier.applicant.name == ""  # tccn_ten is not mapped, so it is not kept
    assert server.requests[0]["headers"]["X-Api-Key"] == "secret-key"
    assert server.requests[0]["code"] == CODE


def test_unknown_code_is_none(server, backend):
    assert backend.get("000.00.04.H51-260316-9999") is None
    assert server.count() == 1  # a 404 is an answer, not a failure to retry


def test_empty_record_is_none(server, backend):
    server.script(CODE, Reply(200, {"data": None, "message": "Không có dữ liệu"}))
    assert backend.get(CODE) is None


def test_a_record_for_another_code_is_never_shown(server, backend):
    server.script(CODE, Reply(200, {"data": [province_record("000.00.04.H51-260316-0008")]}))
    assert backend.get(CODE) is None


def test_slow_answer_times_out_then_the_retry_succeeds(server, backend):
    server.script(
        CODE,
        Reply(200, {"data": province_record(CODE)}, delay=1.0),
        Reply(200, {"data": province_record(CODE)}),
    )
    assert backend.get(CODE).code == CODE
    assert server.count(CODE) == 2
    assert backend.sleeps == [0.01]


def test_server_errors_are_retried_with_backoff_then_reported(server, backend):
    server.script(CODE, Reply(500, {"error": "boom"}))
    with pytest.raises(BackendUnavailable, match=r"after 3 attempts \(HTTP 500\)") as caught:
        backend.get(CODE)
    assert server.count(CODE) == 3
    assert backend.sleeps == [0.01, 0.02]
    assert CODE not in str(caught.value)


def test_a_500_then_success(server, backend):
    server.script(CODE, Reply(503, {}), Reply(200, {"data": province_record(CODE)}))
    assert backend.get(CODE).code == CODE


def test_every_attempt_timing_out_is_unavailable(server, backend):
    server.script(CODE, Reply(200, {"data": province_record(CODE)}, delay=0.6))
    with pytest.raises(BackendUnavailable, match="timeout"):
        backend.get(CODE)
    assert server.count(CODE) == 3


def test_malformed_json_is_unavailable_without_retry(server, backend):
    server.script(CODE, Reply(200, b"<html>Bad gateway</html>"))
    with pytest.raises(BackendUnavailable, match="malformed JSON"):
        backend.get(CODE)
    assert server.count(CODE) == 1


def test_truncated_json_is_unavailable(server, backend):
    server.script(CODE, Reply(200, b'{"data": {"mahoso": "000.00'))
    with pytest.raises(BackendUnavailable, match="malformed JSON"):
        backend.get(CODE)


def test_a_record_the_mapping_cannot_read_is_unavailable(server, backend):
    server.script(CODE, Reply(200, {"data": province_record(CODE, ngaytraketqua="sắp xong")}))
    with pytest.raises(BackendUnavailable, match="field mapping"):
        backend.get(CODE)


def test_client_errors_are_not_retried(server, backend):
    server.script(CODE, Reply(401, {"error": "bad key"}))
    with pytest.raises(BackendUnavailable, match="HTTP 401"):
        backend.get(CODE)
    assert server.count(CODE) == 1


def test_connection_refused_is_unavailable():
    config = HttpBackendConfig.from_dict(
        province_config("http://127.0.0.1:9", headers={}, retries=1, backoff_seconds=0)
    )
    adapter = HttpDossierBackend(config, sleep=lambda _: None)
    with pytest.raises(BackendUnavailable, match="connection error"):
        adapter.get(CODE)


def test_lookup_through_http_answers_and_stays_neutral(server, backend):
    server.script(CODE, Reply(200, {"data": province_record(CODE)}))
    lookup = DossierLookup(backend, today=lambda: TODAY)
    assert lookup.check(CODE, "5678", "c1").kind is OutcomeKind.FOUND
    wrong_digits = lookup.check(CODE, "0000", "c2")
    unknown = lookup.check("000.00.04.H51-260316-9999", "5678", "c3")
    assert wrong_digits.message == unknown.message
    server.script(CODE, Reply(500, {}))
    assert lookup.check(CODE, "5678", "c1").kind is OutcomeKind.UNAVAILABLE


def test_city_portal_shape_with_epoch_millis_and_history(server, monkeypatch):
    """The other shape in the shared README: code/appliedDate/appointmentDate/statusCurrentTask."""
    monkeypatch.setenv("TTHC_DOSSIER_API_TOKEN", "t")
    data = HttpBackendConfig.load(CONFIG_DIR / "http-city-portal-example.yml")
    config = HttpBackendConfig(
        **{**data.__dict__, "base_url": server.url, "path": "/api", "params": {"mahoso": "{code}"}}
    )
    record = {
        "code": CODE,
        "procedure": {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"},
        "agency": {"name": "UBND phường An Bình", "address": "số 5 đường Mẫu"},
        "applicant": {"fullname": "Bí Mật", "phoneNumber": "0912 345 678"},
        "appliedDate": 1773628200000,  # 2026-03-16 09:30 in Việt Nam
        "appointmentDate": "2026-03-27T17:00:00+07:00",
        "completedDate": "2026-03-26T03:00:00Z",
        "statusCurrentTask": {"name": "Hoàn thành"},
        "task": [
            {"name": "Tiếp nhận", "updatedDate": "2026-03-16T09:30:00+07:00"},
            {"name": "Thẩm định", "updatedDate": "2026-03-17T08:00:00+07:00", "note": "Chuyên viên"},
            {"name": "Hoàn thành", "updatedDate": "2026-03-26T10:00:00+07:00"},
        ],
    }
    server.script(CODE, Reply(200, {"content": [record]}))
    adapter = HttpDossierBackend(config, sleep=lambda _: None)
    dossier = adapter.get(CODE)
    assert dossier.received_at == datetime(2026, 3, 16, 9, 30)
    assert dossier.due_at == date(2026, 3, 27)
    assert dossier.finished_at == datetime(2026, 3, 26, 10, 0)
    assert dossier.status is DossierStatus.RESULT_READY
    assert dossier.procedure_code == "1.001193"
    assert [c.status for c in dossier.history] == [
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.RESULT_READY,
    ]
    assert dossier.applicant.phone_last4 == "5678"


def test_shipped_example_configs_load(monkeypatch):
    monkeypatch.setenv("TTHC_DOSSIER_API_KEY", "k")
    monkeypatch.setenv("TTHC_DOSSIER_API_TOKEN", "t")
    for path in sorted(Path(CONFIG_DIR).glob("http-*.yml")):
        config = HttpBackendConfig.load(path)
        assert config.mapping.fields["code"]


def test_config_errors_are_clear(server, monkeypatch, tmp_path):
    monkeypatch.delenv("TEST_ONESTOP_KEY", raising=False)
    with pytest.raises(ConfigError, match="TEST_ONESTOP_KEY is not set"):
        HttpBackendConfig.from_dict(province_config(server.url))
    with pytest.raises(ConfigError, match="put {code}"):
        HttpBackendConfig.from_dict(province_config(server.url, params={}, headers={}))
    with pytest.raises(ConfigError, match="no source field mapped"):
        HttpBackendConfig.from_dict(province_config(server.url, headers={}, fields={"code": "mahoso"}))
    path = tmp_path / "api.yml"
    path.write_text("base_url: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("TTHC_DOSSIER_BACKEND", "http")
    monkeypatch.setenv("TTHC_DOSSIER_HTTP_CONFIG", str(path))
    with pytest.raises(ConfigError, match="cannot read"):
        open_backend()
