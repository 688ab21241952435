"""The launcher behind `make run` (scripts/rasa_stack.py), without starting Rasa."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from stack_script import load_rasa_stack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rasa_stack() -> ModuleType:
    return load_rasa_stack()


@pytest.fixture()
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_settings_come_from_the_environment(rasa_stack: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_RASA_PORT", "6006")
    monkeypatch.setenv("TTHC_ACTIONS_PORT", "6066")
    monkeypatch.setenv("TTHC_DATA_DIR", "/srv/tthc")
    config = rasa_stack.StackConfig.from_env()
    assert config.webhook_url == "http://127.0.0.1:6006/webhooks/rest/webhook"
    assert config.actions_url == "http://127.0.0.1:6066"
    assert config.model_dir == Path("/srv/tthc/rasa/models")


def test_runtime_endpoints_follow_the_settings_and_keep_the_rest_of_endpoints_yml(
    rasa_stack: ModuleType, tmp_path: Path
) -> None:
    config = rasa_stack.StackConfig(actions_port=6066, data_dir=tmp_path, tracker_db=tmp_path / "t.db")
    written = rasa_stack.write_runtime_endpoints(config, tmp_path / "run" / "endpoints.yml")
    endpoints = yaml.safe_load(written.read_text(encoding="utf-8"))
    defaults = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"] == {
        **defaults["action_endpoint"],
        "url": "http://127.0.0.1:6066/webhook",
    }
    assert endpoints["tracker_store"] == {**defaults["tracker_store"], "db": str(tmp_path / "t.db")}


def test_runtime_credentials_send_search_ahead_hints_to_this_runs_action_server(
    rasa_stack: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = rasa_stack.StackConfig(actions_host="127.0.0.2", actions_port=6066, data_dir=tmp_path)
    written = rasa_stack.write_runtime_credentials(config, tmp_path / "run" / "credentials.yml")
    channel = yaml.safe_load(written.read_text(encoding="utf-8"))[rasa_stack.SEARCH_AHEAD_CHANNEL]
    assert channel == {"search_ahead_url": "http://127.0.0.2:6066/search-ahead"}

    # Turned off in credentials.yml (empty URL): stays off.
    (tmp_path / "credentials.yml").write_text(
        f'{rasa_stack.SEARCH_AHEAD_CHANNEL}:\n  search_ahead_url: ""\n', encoding="utf-8"
    )
    monkeypatch.setattr(rasa_stack, "ROOT", tmp_path)
    written = rasa_stack.write_runtime_credentials(config, tmp_path / "run" / "credentials.yml")
    channel = yaml.safe_load(written.read_text(encoding="utf-8"))[rasa_stack.SEARCH_AHEAD_CHANNEL]
    assert channel == {"search_ahead_url": ""}


def test_a_busy_port_is_reported_in_both_languages_with_the_setting_to_change(
    rasa_stack: ModuleType, busy_port: int
) -> None:
    stack = rasa_stack.Stack(rasa_stack.StackConfig(rasa_port=busy_port, actions_port=rasa_stack.free_port()))
    with pytest.raises(rasa_stack.StackError) as error:
        stack.check_ports()
    message = str(error.value)
    assert f"127.0.0.1:{busy_port}" in message
    assert "đang được chương trình khác dùng" in message and "already in use" in message
    assert "TTHC_RASA_PORT" in message


def test_a_port_whose_server_just_stopped_is_free(rasa_stack: ModuleType) -> None:
    """Closed connections linger in TIME_WAIT; only a listening program makes a port busy."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        connection, _ = server.accept()
        connection.close()  # the server closes first, as on shutdown: its side waits in TIME_WAIT
        client.close()
    assert rasa_stack.port_is_free("127.0.0.1", port)


def test_check_ports_command_fails_cleanly(
    rasa_stack: ModuleType,
    busy_port: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TTHC_ACTIONS_PORT", str(busy_port))
    monkeypatch.setenv("TTHC_RASA_PORT", str(rasa_stack.free_port()))
    assert rasa_stack.main(["check-ports"]) == 2
    err = capsys.readouterr().err
    assert "TTHC_ACTIONS_PORT" in err and "Traceback" not in err


def test_a_missing_model_is_reported_before_anything_starts(rasa_stack: ModuleType, tmp_path: Path) -> None:
    stack = rasa_stack.Stack(rasa_stack.StackConfig(data_dir=tmp_path))
    if not rasa_stack.RASA_BIN.exists():
        pytest.skip("needs .venv-rasa to get past the venv check")
    with pytest.raises(rasa_stack.StackError, match="scripts/train-rasa.sh"):
        stack.check_installed()
    assert stack.processes == {}


def test_rasa_api_is_enabled_only_with_a_token(rasa_stack: ModuleType) -> None:
    closed = rasa_stack.Stack(rasa_stack.StackConfig())
    assert closed._api_arguments() == []
    secured = rasa_stack.Stack(rasa_stack.StackConfig(api_token="s3cret"))
    assert secured._api_arguments() == ["--enable-api", "--auth-token", "s3cret"]
