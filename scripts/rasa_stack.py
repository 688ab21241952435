"""Start, watch and stop the assistant: the action server plus Rasa's REST channel.

One implementation serves three callers: ``scripts/run.sh`` (``make run``),
``scripts/bench_rest.py`` and the REST tests, so the way the stack is started
in tests is exactly the way it is started for users.

Settings come from the environment: ``TTHC_RASA_HOST``/``TTHC_RASA_PORT``
(127.0.0.1:5005), ``TTHC_ACTIONS_HOST``/``TTHC_ACTIONS_PORT`` (127.0.0.1:5055)
and ``TTHC_DATA_DIR`` (var/). Needs only the standard library and PyYAML.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

ROOT = Path(__file__).resolve().parent.parent
RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
# The action server embeds each question while Rasa runs NLU on the same small
# machine (search-ahead), so one thread: with the 8-bit model the search still
# ends before Rasa asks for it, and Rasa keeps the other core. Measured
# (scripts/bench_rest.py, interleaved, 3 runs each): catalogue-minus-greeting
# p95 gap 10.6 ms with 2 threads, 7.8 ms with 1. TTHC_EMBEDDING_THREADS, when
# set, wins.
ACTION_SERVER_EMBEDDING_THREADS = "1"


class StackError(RuntimeError):
    """A problem the user can fix (busy port, missing model); printed without a traceback."""


@dataclass(frozen=True)
class StackConfig:
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    actions_host: str = "127.0.0.1"
    actions_port: int = 5055
    data_dir: Path = ROOT / "var"
    tracker_db: Optional[Path] = None  # default: data_dir / "tracker.db"
    runtime_dir: Optional[Path] = None  # generated endpoints file; default: data_dir / "rasa"
    # Rasa's HTTP API (model replacement, tracker edits) is off unless a token is
    # given: the REST channel does not need it, and anyone on the host could use it.
    api_token: Optional[str] = None

    @classmethod
    def from_env(cls, **overrides: object) -> StackConfig:
        env = os.environ
        values: dict[str, object] = {
            "rasa_host": env.get("TTHC_RASA_HOST", "127.0.0.1"),
            "rasa_port": int(env.get("TTHC_RASA_PORT", "5005")),
            "actions_host": env.get("TTHC_ACTIONS_HOST", "127.0.0.1"),
            "actions_port": int(env.get("TTHC_ACTIONS_PORT", "5055")),
            "data_dir": Path(env.get("TTHC_DATA_DIR", ROOT / "var")),
            "api_token": env.get("TTHC_RASA_API_TOKEN") or None,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @property
    def model_dir(self) -> Path:
        return self.data_dir / "rasa" / "models"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.actions_host}:{self.actions_port}"

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"


def port_is_free(host: str, port: int) -> bool:
    """True unless another program listens on the port.

    SO_REUSEADDR, as both servers set it: without it, the connections a server
    just closed (TIME_WAIT, up to a minute) would make ``make run`` right after
    Ctrl-C report its own, now stopped, server's port as taken.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS just confirmed free (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def http_ok(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def write_runtime_endpoints(config: StackConfig, path: Path) -> Path:
    """endpoints.yml with this run's action server URL and tracker database.

    Everything else (e.g. ``enable_selective_domain``) is kept from the file,
    so endpoints.yml stays the one place to configure Rasa's endpoints.
    """
    endpoints = _read_yaml(ROOT / "endpoints.yml")
    tracker_db = config.tracker_db or config.data_dir / "tracker.db"
    endpoints["action_endpoint"]["url"] = f"{config.actions_url}/webhook"
    endpoints["tracker_store"]["db"] = str(tracker_db.resolve())
    return _write_yaml(path, endpoints)


SEARCH_AHEAD_CHANNEL = "rasa_addons.search_ahead.RestInputWithSearchAhead"


def write_runtime_credentials(config: StackConfig, path: Path) -> Path:
    """credentials.yml with the REST channel's search-ahead hints sent to this run's action server.

    An empty ``search_ahead_url`` in credentials.yml (hints turned off) stays empty.
    """
    credentials = _read_yaml(ROOT / "credentials.yml")
    channel = credentials.get(SEARCH_AHEAD_CHANNEL)
    if isinstance(channel, dict) and channel.get("search_ahead_url"):
        channel["search_ahead_url"] = f"{config.actions_url}/search-ahead"
    return _write_yaml(path, credentials)


def _read_yaml(path: Path) -> dict:
    import yaml  # both venvs have PyYAML

    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _write_yaml(path: Path, data: dict) -> Path:
    """A generated config file for this run (the files in the repository stay as written)."""
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Stack:
    """The two server processes. Use as a context manager, or call start/stop."""

    config: StackConfig
    log_dir: Optional[Path] = None  # None: children write to this terminal
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _logs: list[IO[bytes]] = field(default_factory=list)
    ready_seconds: Optional[float] = None

    def check_preconditions(self) -> None:
        self.check_installed()
        self.check_ports()

    def check_installed(self) -> None:
        for name, path in (("Rasa (.venv-rasa)", RASA_BIN), ("Python app venv (.venv)", APP_PYTHON)):
            if not path.exists():
                raise StackError(
                    f"Thiếu {name}: chạy scripts/setup-venvs.sh all. — Missing {name}: run scripts/setup-venvs.sh all."
                )
        if not any(self.config.model_dir.glob("*.tar.gz")):
            raise StackError(
                f"Chưa có mô hình Rasa trong {self.config.model_dir}: chạy scripts/train-rasa.sh. "
                f"— No Rasa model in {self.config.model_dir}: run scripts/train-rasa.sh."
            )

    def check_ports(self) -> None:
        for what, host, port, variable in (
            ("Rasa", self.config.rasa_host, self.config.rasa_port, "TTHC_RASA_PORT"),
            (
                "máy chủ action / action server",
                self.config.actions_host,
                self.config.actions_port,
                "TTHC_ACTIONS_PORT",
            ),
        ):
            if not port_is_free(host, port):
                raise StackError(
                    f"Cổng {host}:{port} ({what}) đang được chương trình khác dùng. Tắt chương trình đó "
                    f"hoặc chọn cổng khác bằng {variable}=... — Port {host}:{port} ({what}) is already in use; "
                    f"stop that program or pick another port with {variable}=..."
                )

    def _output(self, name: str) -> Optional[IO[bytes]]:
        if self.log_dir is None:
            return None
        self.log_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(handle)
        return handle

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        output = self._output(name)
        # A new session: Ctrl-C reaches only this launcher, which then stops
        # both children in order instead of racing them.
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,
        )

    def start(self) -> None:
        self.check_preconditions()
        runtime_dir = self.config.runtime_dir or self.config.data_dir / "rasa"
        endpoints = write_runtime_endpoints(self.config, runtime_dir / "endpoints.runtime.yml")
        credentials = write_runtime_credentials(self.config, runtime_dir / "credentials.runtime.yml")
        env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TTHC_DATA_DIR=str(self.config.data_dir))
        self._spawn(
            "actions",
            [
                str(APP_PYTHON),
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(self.config.actions_port),
            ],
            {
                "TTHC_EMBEDDING_THREADS": ACTION_SERVER_EMBEDDING_THREADS,
                **env,
                "SANIC_HOST": self.config.actions_host,
            },
        )
        self._spawn(
            "rasa",
            [
                str(RASA_BIN),
                "run",
                *self._api_arguments(),
                "-i",
                self.config.rasa_host,
                "-p",
                str(self.config.rasa_port),
                "--model",
                str(self.config.model_dir),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials),
            ],
            env,
        )

    def _api_arguments(self) -> list[str]:
        token = self.config.api_token
        return ["--enable-api", "--auth-token", token] if token else []

    def wait_until_ready(
        self,
        timeout: float = 180.0,
        started: Optional[float] = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Optional[float]:
        """Block until both servers answer; return the seconds it took (None if cancelled)."""
        started = started if started is not None else time.monotonic()
        # The REST channel's own health URL: it answers once the model is loaded
        # (Rasa loads it before the server accepts connections) and needs no API.
        probes = {
            "actions": f"{self.config.actions_url}/health",
            "rasa": f"{self.config.rasa_url}/webhooks/rest/",
        }
        pending = dict(probes)
        while pending:
            if cancelled():
                return None
            for name, process in self.processes.items():
                if process.poll() is not None:
                    where = f" (log: {self.log_dir / (name + '.log')})" if self.log_dir else ""
                    raise StackError(
                        f"{name} dừng khi khởi động, mã {process.returncode}{where}. "
                        f"— {name} exited during start-up with code {process.returncode}{where}."
                    )
            for name in [n for n, url in pending.items() if http_ok(url)]:
                del pending[name]
            if time.monotonic() - started > timeout:
                raise StackError(
                    f"Quá {timeout:.0f} s mà chưa sẵn sàng: {', '.join(pending)} — not ready in time."
                )
            time.sleep(0.2)
        self.ready_seconds = time.monotonic() - started
        return self.ready_seconds

    def first_exited(self) -> Optional[str]:
        for name, process in self.processes.items():
            if process.poll() is not None:
                return name
        return None

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM both (Rasa first, so no request reaches a dead action server), then SIGKILL.

        SIGTERM goes to each server's main process only, which stops its own
        workers: Sanic's worker manager keeps its state in a multiprocessing
        manager process, and a signal to the whole group killed that process
        while the main one still read from it (a BrokenPipeError traceback on
        some stops). Whatever of a group is left after the main process ends
        is killed.
        """
        for name in ("rasa", "actions"):
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for name, process in self.processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"{name} chưa dừng sau {grace:.0f} s, buộc dừng — {name} killed", file=sys.stderr)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for handle in self._logs:
            handle.close()
        self._logs.clear()

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def run_foreground(config: StackConfig) -> int:
    """``make run``: start both, report readiness, stop both on Ctrl-C or SIGTERM."""
    stack = Stack(config)
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    started = time.monotonic()
    try:
        stack.start()
        print("Đang khởi động máy chủ action và Rasa... — starting the action server and Rasa...", flush=True)
        seconds = stack.wait_until_ready(timeout=300.0, started=started, cancelled=lambda: stopping)
        if seconds is not None:
            print(
                f"\nSẵn sàng sau {seconds:.1f} s — ready in {seconds:.1f} s\n"
                f'  REST: POST {config.webhook_url}  {{"sender": "...", "message": "..."}}\n'
                f"  Trò chuyện / chat: make chat    Dừng / stop: Ctrl-C\n",
                flush=True,
            )
        while not stopping:
            exited = stack.first_exited()
            if exited:
                print(f"{exited} đã dừng bất ngờ — {exited} stopped unexpectedly", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    except StackError as error:
        print(f"Lỗi / Error: {error}", file=sys.stderr)
        return 2
    finally:
        print("Đang tắt... — shutting down...", file=sys.stderr, flush=True)
        stack.stop()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Run the action server and Rasa (REST channel).")
    parser.add_argument("command", choices=["run", "check-ports"])
    args = parser.parse_args(argv)
    config = StackConfig.from_env()
    if args.command == "check-ports":
        try:
            Stack(config).check_ports()
        except StackError as error:
            print(f"Lỗi / Error: {error}", file=sys.stderr)
            return 2
        return 0
    return run_foreground(config)


if __name__ == "__main__":
    sys.exit(main())
