"""A fake provincial one-stop lookup API on 127.0.0.1, speaking real HTTP from a thread.

Each dossier code has a script of responses served in order (the last one
repeats): JSON records, HTTP errors, malformed bodies, slow answers. The server
records every request so tests can count retries and check what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, urlparse


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-encoded unless it is bytes
    delay: float = 0.0


class FakeOneStop:
    def __init__(self) -> None:
        self.scripts: dict[str, list[Reply]] = {}
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                url = urlparse(self.path)
                code = (parse_qs(url.query).get("mahoso") or [""])[0]
                with fake._lock:
                    fake.requests.append({"path": url.path, "code": code, "headers": dict(self.headers)})
                    script = fake.scripts.get(code) or [Reply(404, {"message": "Không tìm thấy"})]
                    reply = script.pop(0) if len(script) > 1 else script[0]
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, code: str, *replies: Reply) -> None:
        self.scripts[code] = list(replies)

    def count(self, code: Optional[str] = None) -> int:
        return sum(1 for r in self.requests if code is None or r["code"] == code)

    def __enter__(self) -> FakeOneStop:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def province_record(code: str, **changes: Any) -> dict[str, Any]:
    """A record as the provincial lookup in the shared README returns it."""
    record = {
        "mahoso": code,
        "tccn_ten": "Nguyễn Văn Bí Mật",
        "tccn_diachi": "12 đường Bí Mật",
        "tccn_dienthoai": "0912345678",
        "tenhoso": "Thủ tục đăng ký khai sinh",
        "donvixuly": "Ủy ban nhân dân phường An Bình",
        "noitraketqua": "số 5 đường Mẫu, phường An Bình",
        "ngaynhan": "16/03/2026 09:30:00",
        "tinhtrang_hoso": "Đang giải quyết",
        "ngaytraketqua": "27/03/2026",
        "ngayxulyxong": "",
        "nguoinhan": "Cán bộ Một Cửa",
    }
    record.update(changes)
    return record
