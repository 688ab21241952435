"""Fingerprints that let logs and counters refer to a code or a conversation without containing it.

A plain SHA-256 of a dossier code would not hide it: codes are an agency, a
date and a 4-digit number, few enough to hash them all. Log fingerprints are
therefore keyed (HMAC) with ``TTHC_LOG_HASH_KEY``, or with a random key per
process when it is unset (then fingerprints only correlate within one run).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache


@lru_cache(maxsize=1)
def _key() -> bytes:
    configured = os.environ.get("TTHC_LOG_HASH_KEY")
    return configured.encode() if configured else secrets.token_bytes(32)


def fingerprint(value: str) -> str:
    """Short keyed hash for log lines: the same value gives the same fingerprint."""
    return hmac.new(_key(), value.encode(), hashlib.sha256).hexdigest()[:12]


def counter_key(kind: str, value: str) -> str:
    """Key for attempt counters: must be identical on every instance sharing a Redis.

    Keyed with ``TTHC_LOG_HASH_KEY`` when set (the same on all instances), else
    with a fixed key; the counters live only in Redis and expire with the window.
    """
    key = os.environ.get("TTHC_LOG_HASH_KEY", "tthc-dossier-attempts").encode()
    return f"{kind}:{hmac.new(key, f'{kind}:{value}'.encode(), hashlib.sha256).hexdigest()[:32]}"
