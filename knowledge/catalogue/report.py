"""The validation report: how much of each record the parsers could read.

Computed from the normalised records, so ``tthc import`` (fresh records) and
``tthc stats`` (records read back from the database) print the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from knowledge.catalogue.model import FEE_UNKNOWN, Procedure

# Share lines of the report, in print order: key -> Vietnamese / English label.
SHARES = {
    "channels": "có hình thức nộp / parsed channels",
    "time": "có thời hạn giải quyết / parsed time",
    "fee": "có thông tin phí / parsed fee",
    "documents": "có thành phần hồ sơ / parsed documents",
    "steps": "có trình tự thực hiện / parsed steps",
    "legal_basis": "có căn cứ pháp lý / parsed legal basis",
}


def _has(procedure: Procedure) -> dict[str, bool]:
    channels = procedure.channels
    return {
        "channels": bool(channels),
        "time": any(c.time.value is not None for c in channels),
        "fee": any(c.fee.basis != FEE_UNKNOWN for c in channels),
        "documents": any(group.items for group in procedure.documents),
        "steps": bool(procedure.steps),
        "legal_basis": bool(procedure.legal_basis),
    }


def build_report(procedures: Iterable[Procedure], *, warnings: int = 0) -> dict[str, Any]:
    """Counts and shares; plain data so it can be stored as JSON and printed anywhere."""
    total = 0
    have: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    ministries: Counter[str] = Counter()
    fee_basis: Counter[str] = Counter()
    unitless_time = 0
    expired = 0
    for procedure in procedures:
        total += 1
        have.update(key for key, present in _has(procedure).items() if present)
        formats[procedure.source.format if procedure.source else "?"] += 1
        ministries[procedure.ministry or "?"] += 1
        channels = procedure.channels
        fee_basis.update({c.fee.basis for c in channels})
        unitless_time += any(c.time.value is not None and c.time.unit is None for c in channels)
        expired += any(r.expired for c in channels for r in c.fee.reductions)
    return {
        "total": total,
        "counts": {key: have[key] for key in SHARES},
        "shares": {key: round(have[key] / total, 4) if total else 0.0 for key in SHARES},
        "unitless_time": unitless_time,
        "expired_reductions": expired,
        "fee_basis": dict(sorted(fee_basis.items())),
        "formats": dict(sorted(formats.items())),
        "ministries": dict(sorted(ministries.items())),
        "warnings": warnings,
    }
