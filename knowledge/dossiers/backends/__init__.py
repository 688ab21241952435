"""Dossier back ends behind one interface, chosen by ``TTHC_DOSSIER_BACKEND``.

* ``sqlite`` (default): ``var/dossiers.sqlite3``, loaded by ``tthc dossiers import`` or ``demo``.
* ``postgres``: the same schema on PostgreSQL (``TTHC_DOSSIER_DB_URL``, ``TTHC_DOSSIER_DB_SCHEMA``).
* ``http``: a province's lookup API described by ``TTHC_DOSSIER_HTTP_CONFIG``.
"""

from __future__ import annotations

from typing import Optional

from knowledge.dossiers.backends.base import BackendUnavailable, DossierBackend, owner_matches
from knowledge.dossiers.settings import ConfigError, backend_kind, db_schema, db_url, http_config_path

__all__ = [
    "BackendUnavailable",
    "ConfigError",
    "DossierBackend",
    "open_backend",
    "open_store",
    "owner_matches",
]


def open_store(kind: Optional[str] = None):
    """The configured SQL store (for import and demo, which need to write)."""
    from knowledge.dossiers.backends.sql import SqlDossierStore

    kind = kind or backend_kind()
    if kind == "http":
        raise ConfigError(
            "TTHC_DOSSIER_BACKEND=http reads the province's system; imports and demo data need sqlite or postgres"
        )
    return SqlDossierStore(db_url(kind), schema=db_schema())


def open_backend(kind: Optional[str] = None) -> DossierBackend:
    kind = kind or backend_kind()
    if kind == "http":
        from knowledge.dossiers.backends.http import HttpBackendConfig, HttpDossierBackend

        return HttpDossierBackend(HttpBackendConfig.load(http_config_path()))
    return open_store(kind)
