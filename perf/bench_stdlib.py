"""protojit's hashlib and sqlite3 (lib/, over runtime_c/) against the host CPython's.

- hash: SHA-256 and MD5 of 64 MB (one update of one bytes object), MB/s in
  the benchmark's extra_info; the guest hashlib runs on runtime_c/hash_*.c,
  the host's on OpenSSL.
- sqlite: 100,000 INSERTs in one transaction (executemany, then commit) into
  an in-memory database, with the guest sqlite3 (lib/sqlite3, interpreted at
  tier 0, over runtime_c/sqlite.c) and with the host's _sqlite3.

The guest modules are loaded in a protojit environment (as a guest program
imports them) and called from here; each benchmark checks its result against
the host's first (a fast wrong answer is a failure).

Run: python -m pytest perf/bench_stdlib.py --benchmark-only
"""
import hashlib as host_hashlib
import os
import sqlite3 as host_sqlite3

import pytest

from protojit.runtime.environment import PythonEnvironment

# The guest sqlite run takes several seconds per round; the suite's 60 s default is too short.
pytestmark = pytest.mark.timeout(900)

MB = 1 << 20
DATA = os.urandom(64 * MB)
ROWS = 100_000


@pytest.fixture(scope="module")
def guest():
    env = PythonEnvironment(argv=["bench_stdlib"], script_dir=None, tier="interp")
    return env.importer.load("hashlib"), env.importer.load("sqlite3")


def _mb_per_s(benchmark, nbytes):
    stats = benchmark.stats.stats if hasattr(benchmark.stats, "stats") else benchmark.stats
    benchmark.extra_info["MB/s"] = round(nbytes / MB / stats.median, 1)


# An algorithm's CPython and protojit runs are adjacent, with the same rounds: the shared
# machine changes speed over seconds.
HASH_CASES = [(a, r) for a in ("sha256", "md5") for r in ("cpython", "protojit")]


@pytest.mark.parametrize("algorithm,runner", HASH_CASES, ids=[f"{a}-{r}" for a, r in HASH_CASES])
def test_hash(benchmark, record_median, guest, algorithm, runner):
    benchmark.group = f"{algorithm} 64MB"
    benchmark.extra_info.update(program=f"{algorithm}-64MB", runner=runner)
    host_ctor = getattr(host_hashlib, algorithm)
    ctor = host_ctor if runner == "cpython" else getattr(guest[0], algorithm)
    assert ctor(DATA).digest() == host_ctor(DATA).digest()
    benchmark.pedantic(lambda: ctor(DATA).digest(), rounds=3, iterations=1)
    _mb_per_s(benchmark, len(DATA))
    record_median(f"{algorithm}-64MB", runner, benchmark)


def _inserts(sqlite3):
    rows = [(i, f"name {i}", i * 0.5) for i in range(ROWS)]

    def run():
        con = sqlite3.connect(":memory:")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)")
        con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
        con.commit()
        result = con.execute("SELECT count(*), sum(score) FROM t").fetchone()
        con.close()
        return result
    return run


def test_sqlite_inserts_cpython(benchmark, record_median):
    benchmark.group = "sqlite 100k inserts"
    benchmark.pedantic(_inserts(host_sqlite3), rounds=3, iterations=1)
    record_median("sqlite-100k", "cpython", benchmark)


def test_sqlite_inserts_protojit(benchmark, record_median, guest):
    benchmark.group = "sqlite 100k inserts"
    run = _inserts(guest[1])
    assert run() == _inserts(host_sqlite3)()
    benchmark.pedantic(run, rounds=3, iterations=1)
    record_median("sqlite-100k", "protojit", benchmark)
