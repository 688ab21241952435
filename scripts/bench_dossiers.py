#!/usr/bin/env python
"""Load check: 1,000 dossier lookups against SQLite and PostgreSQL, p50/p95 per back end.

Each lookup is the full path the chat takes (code recognition, attempt limit,
store read, constant-time digit check, public view with working days), in a
fresh conversation so the limiter never locks. The mix is 80% owners, 10%
wrong digits, 10% unknown codes. Stores are throw-away: a temporary SQLite file
and a temporary PostgreSQL schema, dropped afterwards.

    .venv/bin/python scripts/bench_dossiers.py [--lookups 1000] [--dossiers 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from knowledge.dossiers.backends.sql import SqlDossierStore  # noqa: E402
from knowledge.dossiers.demo import generate  # noqa: E402
from knowledge.dossiers.lookup import DossierLookup, OutcomeKind  # noqa: E402

TODAY = date(2026, 3, 25)


def workload(dossiers, lookups: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(lookups):
        dossier = rng.choice(dossiers)
        roll = rng.random()
        if roll < 0.8:
            pairs.append((dossier.code, dossier.applicant.phone_last4))
        elif roll < 0.9:
            wrong = f"{(int(dossier.applicant.phone_last4) + 1) % 10000:04d}"
            pairs.append((dossier.code, wrong))
        else:
            pairs.append((dossier.code[:-4] + "9999", dossier.applicant.phone_last4))
    return pairs


def run(name: str, store: SqlDossierStore, dossiers, pairs) -> dict[str, float]:
    started = time.perf_counter()
    store.replace_demo(dossiers)
    load_seconds = time.perf_counter() - started
    lookup = DossierLookup(store, today=lambda: TODAY)
    for code, digits in pairs[:20]:  # warm the connection pool and caches
        lookup.check(code, digits, uuid.uuid4().hex)
    timings, kinds = [], {}
    for code, digits in pairs:
        conversation = uuid.uuid4().hex
        t0 = time.perf_counter_ns()
        outcome = lookup.check(code, digits, conversation)
        timings.append((time.perf_counter_ns() - t0) / 1e6)
        kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
    assert OutcomeKind.UNAVAILABLE not in kinds and OutcomeKind.LOCKED not in kinds, kinds
    cuts = statistics.quantiles(timings, n=100)
    result = {
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(timings),
        "mean": statistics.fmean(timings),
    }
    found = kinds.get(OutcomeKind.FOUND, 0)
    print(
        f"{name:<11} {len(pairs)} lookups over {len(dossiers)} dossiers (loaded in {load_seconds:.1f} s, "
        f"{found} found): p50 {result['p50']:.2f} ms  p95 {result['p95']:.2f} ms  "
        f"p99 {result['p99']:.2f} ms  max {result['max']:.2f} ms",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "TTHC_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()

    dossiers = generate(args.dossiers, seed=args.seed, today=TODAY)
    pairs = workload(dossiers, args.lookups, args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        store = SqlDossierStore(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            run("SQLite", store, dossiers, pairs)
        finally:
            store.close()

    if args.skip_postgres:
        return 0
    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = create_engine(args.postgres_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - report and skip, the SQLite numbers still stand
        print(f"PostgreSQL  skipped: cannot reach {args.postgres_url} ({type(exc).__name__})")
        return 1
    try:
        store = SqlDossierStore(args.postgres_url, schema=schema)
        try:
            run("PostgreSQL", store, dossiers, pairs)
        finally:
            store.close()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
