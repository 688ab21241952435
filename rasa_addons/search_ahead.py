"""Rasa's REST channel, plus an early hint to the action server: "this text may be searched".

A catalogue answer's search needs only the citizen's words, not Rasa's
classification of them. This channel is Rasa's own ``RestInput`` (same URL,
``/webhooks/rest/webhook``, same behaviour) that also hands every incoming text
to the action server's ``POST /search-ahead`` as it arrives; the action server
searches while Rasa runs NLU, so the answer no longer waits for the embedding
model (``knowledge.search.ahead`` explains the rules that keep results
identical).

The hint must never slow the conversation down or break it, and it must leave
at once:

* The request is written on the caller's thread: a connect and a send, some
  0.1 ms to a local action server. Handing the whole request to a background
  thread measured worse: that thread waited for the interpreter lock while
  Rasa ran NLU (up to 5 ms, the switch interval), and 36 of 83 answers then
  waited for their search.
* The reply is read and the socket closed in a background thread. Each hint
  has its own short connection: a kept-alive one raced the action server's
  shutdown (a traceback about every second Ctrl-C).
* A failed connect (action server down or restarting) drops the hint and
  pauses hints for ``PAUSE_SECONDS``, so a dead or distant server costs at
  most one short connect timeout now and then.

credentials.yml::

    rasa_addons.search_ahead.RestInputWithSearchAhead:
      search_ahead_url: "http://127.0.0.1:5055/search-ahead"   # empty: no hints
"""

from __future__ import annotations

import json
import logging
import queue
import socket
import threading
import time
from typing import Any, Optional
from urllib.parse import urlsplit

from rasa.core.channels.rest import RestInput
from sanic.request import Request

log = logging.getLogger(__name__)

QUEUE_SIZE = 32
CONNECT_SECONDS = 0.05  # a local action server accepts in microseconds
REPLY_SECONDS = 1.0
PAUSE_SECONDS = 5.0


class SearchAheadHints:
    """Posts texts to ``url``; ``send`` writes the request and returns, replies are read in the background."""

    def __init__(self, url: str, reply_timeout: float = REPLY_SECONDS):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"search_ahead_url must be an http:// URL, got {url!r}")
        self.url = url
        self._address = (parts.hostname, parts.port or 80)
        self._head = (
            f"POST {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n"
        )
        self._reply_timeout = reply_timeout
        self._paused_until = 0.0
        self._replies: queue.Queue[socket.socket] = queue.Queue(maxsize=QUEUE_SIZE)
        self._thread: Optional[threading.Thread] = None
        self._start_lock = threading.Lock()
        self.sent = 0  # answered by the action server
        self.dropped = 0  # not delivered: server down, paused, too many waiting, or an error reply

    def send(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        if time.monotonic() < self._paused_until or self._replies.full():
            self.dropped += 1
            return
        body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
        request = (self._head + f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
        try:
            connection = socket.create_connection(self._address, timeout=CONNECT_SECONDS)
        except OSError as exc:
            self.dropped += 1
            self._paused_until = time.monotonic() + PAUSE_SECONDS
            log.debug("search-ahead hints paused: %s unreachable (%s)", self.url, exc)
            return
        try:
            connection.sendall(request)
        except OSError:
            connection.close()
            self.dropped += 1
            return
        self._ensure_thread()
        self._replies.put_nowait(connection)

    def wait_until_sent(self, timeout: float = 5.0) -> None:
        """Block until every reply has been read (tests and shutdown)."""
        finished = threading.Event()

        def wait() -> None:
            self._replies.join()
            finished.set()

        threading.Thread(target=wait, daemon=True).start()
        finished.wait(timeout)

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._read_replies, name="search-ahead-hints", daemon=True
                )
                self._thread.start()

    def _read_replies(self) -> None:
        while True:
            connection = self._replies.get()
            try:
                if _reply_status(connection, self._reply_timeout) // 100 == 2:
                    self.sent += 1
                else:
                    self.dropped += 1
            except OSError as exc:
                self.dropped += 1
                log.debug("search-ahead hint to %s: no reply (%s)", self.url, exc)
            finally:
                connection.close()
                self._replies.task_done()


def _reply_status(connection: socket.socket, timeout: float) -> int:
    """The HTTP status of the reply, read to its end (the server closes the connection)."""
    connection.settimeout(timeout)
    received = b""
    while chunk := connection.recv(4096):
        received += chunk
    status_line = received.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0


class RestInputWithSearchAhead(RestInput):
    """``RestInput`` under the same name ("rest"), sending each text ahead to the action server."""

    def __init__(self, search_ahead_url: Optional[str] = None) -> None:
        self.hints = SearchAheadHints(search_ahead_url) if search_ahead_url else None

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> RestInputWithSearchAhead:
        return cls((credentials or {}).get("search_ahead_url") or None)

    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> Optional[str]:
        text = super()._extract_message(req)
        if self.hints is not None and isinstance(text, str):
            self.hints.send(text)
        return text
