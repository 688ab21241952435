"""Adapter to a province's one-stop lookup API (hệ thống một cửa điện tử).

There is no national API: each province exposes its own URL and JSON. One YAML
file (``TTHC_DOSSIER_HTTP_CONFIG``) describes the request (base URL, path or
query template with ``{code}``, headers with ``${ENV_VAR}`` secrets), where the
record sits in the JSON, and a field mapping (see ``knowledge.dossiers.mapping``
and ``config/dossiers/http-*.yml``).

Failures never crash the chat: timeouts, connection errors, HTTP 5xx and 429
are retried with exponential backoff, then reported as
:class:`BackendUnavailable`; malformed JSON or a record the mapping cannot read
raise it at once (retrying will not fix them). Messages and logs name the
failure, never the code or the URL that contains it.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import httpx
import yaml

from knowledge.dossiers.backends.base import BackendUnavailable
from knowledge.dossiers.codes import CodeFormat
from knowledge.dossiers.mapping import FieldMapping, MappingError, RecordError, build_dossier, extract
from knowledge.dossiers.model import Dossier
from knowledge.dossiers.settings import ConfigError

log = logging.getLogger(__name__)
_ENV = re.compile(r"\$\{(\w+)\}")


@dataclass(frozen=True)
class HttpBackendConfig:
    base_url: str
    path: str
    mapping: FieldMapping
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_seconds: float = 5.0
    retries: int = 2  # attempts after the first
    backoff_seconds: float = 0.5  # doubled after each retry
    record_path: str = ""  # "" = the body is the record
    not_found_statuses: tuple[int, ...] = (404,)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "http config") -> HttpBackendConfig:
        if not data.get("base_url"):
            raise ConfigError(f"{where}: base_url is required")
        if "{code}" not in str(data.get("path", "")) + "".join(map(str, (data.get("params") or {}).values())):
            raise ConfigError(f"{where}: put {{code}} in path or in one of params")
        try:
            mapping = FieldMapping.from_dict(data, where)
        except MappingError as exc:
            raise ConfigError(str(exc)) from None
        return cls(
            base_url=_expand(str(data["base_url"]), where),
            path=str(data.get("path", "")),
            mapping=mapping,
            params={str(k): _expand(str(v), where) for k, v in (data.get("params") or {}).items()},
            headers={str(k): _expand(str(v), where) for k, v in (data.get("headers") or {}).items()},
            timeout_seconds=float(data.get("timeout_seconds", 5.0)),
            retries=int(data.get("retries", 2)),
            backoff_seconds=float(data.get("backoff_seconds", 0.5)),
            record_path=str(data.get("record_path") or ""),
            not_found_statuses=tuple(int(s) for s in data.get("not_found_statuses", (404,))),
        )

    @classmethod
    def load(cls, path: Path) -> HttpBackendConfig:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from None
        return cls.from_dict(data, where=str(path))


def _expand(value: str, where: str) -> str:
    """``${NAME}`` from the environment, so API keys stay out of the config file."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return os.environ[name]

    return _ENV.sub(replace, value)


class HttpDossierBackend:
    def __init__(
        self,
        config: HttpBackendConfig,
        *,
        client: Optional[httpx.Client] = None,
        sleep: Callable[[float], None] = time.sleep,
        code_format: Optional[CodeFormat] = None,
    ) -> None:
        self.config = config
        self.client = client or httpx.Client(
            base_url=config.base_url,
            headers=dict(config.headers),
            timeout=httpx.Timeout(config.timeout_seconds),
            follow_redirects=True,
        )
        self.sleep = sleep
        self.code_format = code_format

    def __repr__(self) -> str:
        return f"HttpDossierBackend({self.config.base_url!r})"

    def close(self) -> None:
        self.client.close()

    def get(self, code: str) -> Optional[Dossier]:
        body = self._fetch(code)
        if body is None:
            return None
        found = extract(body, self.config.record_path) if self.config.record_path else body
        candidates = found if isinstance(found, list) else [found]
        for record in candidates:
            if not isinstance(record, Mapping) or not record:
                continue
            try:
                dossier = build_dossier(record, self.config.mapping, self.code_format)
            except RecordError:
                log.warning("province API record does not fit the field mapping")
                raise BackendUnavailable(
                    "the province API returned a record the field mapping cannot read"
                ) from None
            if dossier.code == code:  # never show another dossier than the one asked for
                return dossier
        return None

    def _fetch(self, code: str) -> Optional[Any]:
        """The decoded JSON body, ``None`` for "no such dossier", or BackendUnavailable."""
        path = self.config.path.replace("{code}", quote(code, safe=""))
        params = {k: v.replace("{code}", code) for k, v in self.config.params.items()}
        attempts = self.config.retries + 1
        failure = ""
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.config.backoff_seconds * 2 ** (attempt - 1))
            try:
                response = self.client.get(path, params=params)
            except httpx.TimeoutException:
                failure = "timeout"
                continue
            except httpx.TransportError as exc:
                failure = f"connection error ({type(exc).__name__})"
                continue
            if response.status_code in self.config.not_found_statuses:
                return None
            if response.status_code >= 500 or response.status_code == 429:
                failure = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise BackendUnavailable(f"province API refused the request (HTTP {response.status_code})")
            try:
                return response.json()
            except ValueError:
                raise BackendUnavailable("province API returned malformed JSON") from None
        log.warning("province API unavailable after %d attempts: %s", attempts, failure)
        raise BackendUnavailable(f"province API unavailable after {attempts} attempts ({failure})")
