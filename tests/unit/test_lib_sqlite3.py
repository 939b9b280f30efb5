"""runtime_c/sqlite.c at its edges (through protojit.native) and lib/sqlite3 against the host's sqlite3.

The guest package is loaded by path under a private name (its `from . import
_bridge` then loads lib/sqlite3/_bridge.py); under the host, its `datetime` and
`_thread` are the host's. Databases live in pytest's tmp_path or in memory.
"""
import ctypes
import errno
import importlib.util
import os
import sqlite3 as host
import sys
import threading

import pytest
from hypothesis import given, settings, strategies as st

import pj_header
from protojit import native

LIB = os.path.join(os.path.dirname(__file__), "..", "..", "lib")
L = native.lib()
SQLITE_OK, SQLITE_ERROR, SQLITE_RANGE, SQLITE_ROW, SQLITE_DONE = 0, 1, 25, 100, 101


@pytest.fixture(scope="module")
def gs():
    name = "_pj_guest_sqlite3_test"
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(LIB, "sqlite3", "__init__.py"),
        submodule_search_locations=[os.path.join(LIB, "sqlite3")])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(name, None)
        sys.modules.pop(name + "._bridge", None)


# ---- the C bridge --------------------------------------------------------------------------

def open_memory():
    db = ctypes.c_void_p()
    assert L.pj_sqlite_open(b":memory:", 8, 0x6, ctypes.byref(db)) == SQLITE_OK
    return db.value


def prepare(db, sql):
    stmt, tail = ctypes.c_void_p(), ctypes.c_int64()
    rc = L.pj_sqlite_prepare(db, sql, len(sql), ctypes.byref(stmt), ctypes.byref(tail))
    return rc, stmt.value, tail.value


def test_library_loads_and_reports_its_version():
    assert L.pj_sqlite_load() == 0
    text, number = ctypes.c_char_p(), ctypes.c_int()
    assert L.pj_sqlite_libversion(ctypes.byref(text), ctypes.byref(number)) == 0
    assert text.value.decode() == host.sqlite_version
    major, minor, patch = host.sqlite_version_info
    assert number.value == major * 1000000 + minor * 1000 + patch


def test_bridge_argument_checks():
    einval = -errno.EINVAL
    assert L.pj_sqlite_open(b"a\0b", 3, 0x6, ctypes.byref(ctypes.c_void_p())) == einval
    assert L.pj_sqlite_open(b"x", -1, 0x6, ctypes.byref(ctypes.c_void_p())) == einval
    assert L.pj_sqlite_open(b":memory:", 8, 0x6, None) == einval
    assert L.pj_sqlite_step(None) == einval
    assert L.pj_sqlite_step_reset(None, ctypes.byref(ctypes.c_int64())) == einval
    assert L.pj_sqlite_reset(None, 0) == einval
    assert L.pj_sqlite_finalize(None) == SQLITE_OK           # like sqlite3_finalize(NULL)
    assert L.pj_sqlite_close(None) == SQLITE_OK
    assert L.pj_sqlite_counters(None, *(ctypes.byref(ctypes.c_int64()) for _ in range(3)),
                                ctypes.byref(ctypes.c_int())) == einval
    out = ctypes.c_int()
    assert L.pj_sqlite_complete(b"SELECT 1;", 9, ctypes.byref(out)) == 0 and out.value == 1
    assert L.pj_sqlite_complete(b"SELECT 1;", 8, ctypes.byref(out)) == 0 and out.value == 0
    assert L.pj_sqlite_complete(None, 3, ctypes.byref(out)) == einval
    assert L.pj_sqlite_complete(b"", 0, ctypes.byref(out)) == 0 and out.value == 0
    db = open_memory()
    try:
        assert L.pj_sqlite_prepare(db, b"SELECT 1", (1 << 31), ctypes.byref(ctypes.c_void_p()),
                                   ctypes.byref(ctypes.c_int64())) == -errno.E2BIG
        assert L.pj_sqlite_create_function(db, b"f", 1, 128, 0, None, None, None, None) == einval
        assert L.pj_sqlite_create_function(db, b"f\0", 2, 1, 0, None, None, None, None) == einval
    finally:
        assert L.pj_sqlite_close(db) == SQLITE_OK


def test_prepare_tail_binding_and_rows():
    db = open_memory()
    try:
        sql = b"SELECT ?1, ?2, ?3, ?4, ?5; SELECT 2"
        rc, stmt, tail = prepare(db, sql)
        assert rc == SQLITE_OK and sql[tail:] == b" SELECT 2"
        nparams, ncols, readonly = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        assert L.pj_sqlite_stmt_info(stmt, ctypes.byref(nparams), ctypes.byref(ncols),
                                     ctypes.byref(readonly)) == 0
        assert (nparams.value, ncols.value, readonly.value) == (5, 5, 1)
        n = 5
        types = (ctypes.c_int * n)(1, 2, 3, 4, 5)
        ints = (ctypes.c_int64 * n)(-(1 << 63), 0, 0, 0, 0)
        doubles = (ctypes.c_double * n)(0, 2.5, 0, 0, 0)
        text, blob = b"h\xc3\xa9\0x", b"\0\1"
        ptrs = (ctypes.c_void_p * n)(None, None, ctypes.cast(text, ctypes.c_void_p).value,
                                     ctypes.cast(blob, ctypes.c_void_p).value, None)
        lens = (ctypes.c_int64 * n)(0, 0, len(text), len(blob), 0)
        failed = ctypes.c_int()
        assert L.pj_sqlite_bind_row(stmt, n, types, ints, doubles, ptrs, lens, ctypes.byref(failed)) == 0
        assert L.pj_sqlite_step(stmt) == SQLITE_ROW
        otypes = (ctypes.c_int * n)()
        oints, odoubles = (ctypes.c_int64 * n)(), (ctypes.c_double * n)()
        optrs, olens = (ctypes.c_void_p * n)(), (ctypes.c_int64 * n)()
        assert L.pj_sqlite_row(stmt, n, otypes, oints, odoubles, optrs, olens) == 0
        assert list(otypes) == [1, 2, 3, 4, 5]
        assert oints[0] == -(1 << 63) and odoubles[1] == 2.5
        assert ctypes.string_at(optrs[2], olens[2]) == text          # embedded NUL kept
        assert ctypes.string_at(optrs[3], olens[3]) == blob
        assert L.pj_sqlite_row(stmt, n + 1, otypes, oints, odoubles, optrs, olens) == -errno.EINVAL
        assert L.pj_sqlite_step(stmt) == SQLITE_DONE
        # A bad type, and an index past the parameters (SQLITE_RANGE), report which one failed.
        assert L.pj_sqlite_reset(stmt, 1) == SQLITE_OK
        types[2] = 99
        assert L.pj_sqlite_bind_row(stmt, n, types, ints, doubles, ptrs, lens, ctypes.byref(failed)) \
            == -errno.EINVAL and failed.value == 3
        assert L.pj_sqlite_bind_int64(stmt, 6, 1) == SQLITE_RANGE
        lens[2] = -1
        types[2] = 3
        assert L.pj_sqlite_bind_row(stmt, n, types, ints, doubles, ptrs, lens, ctypes.byref(failed)) \
            == -errno.EINVAL and failed.value == 3
        assert L.pj_sqlite_finalize(stmt) == SQLITE_OK
        # Empty and comment-only SQL compile to no statement.
        rc, stmt, tail = prepare(db, b"  -- nothing")
        assert rc == SQLITE_OK and stmt is None
        rc, stmt, _ = prepare(db, b"SELEC 1")
        assert rc == SQLITE_ERROR and stmt is None
        msg, code, ext = ctypes.c_char_p(), ctypes.c_int(), ctypes.c_int()
        assert L.pj_sqlite_errmsg(db, ctypes.byref(msg), ctypes.byref(code), ctypes.byref(ext)) == 0
        assert msg.value == b'near "SELEC": syntax error' and code.value == SQLITE_ERROR
    finally:
        assert L.pj_sqlite_close(db) == SQLITE_OK


def test_step_reset_reports_changes_and_rearms():
    db = open_memory()
    try:
        for sql in (b"CREATE TABLE t (x)", b"INSERT INTO t VALUES (1), (2), (3)"):
            rc, stmt, _ = prepare(db, sql)
            assert L.pj_sqlite_step(stmt) == SQLITE_DONE
            L.pj_sqlite_finalize(stmt)
        rc, stmt, _ = prepare(db, b"UPDATE t SET x = x + ?")
        changes = ctypes.c_int64(-5)
        assert L.pj_sqlite_bind_int64(stmt, 1, 10) == 0
        assert L.pj_sqlite_step_reset(stmt, ctypes.byref(changes)) == SQLITE_DONE and changes.value == 3
        assert L.pj_sqlite_step_reset(stmt, ctypes.byref(changes)) == SQLITE_DONE and changes.value == 3
        L.pj_sqlite_finalize(stmt)
        rc, stmt, _ = prepare(db, b"SELECT sum(x) FROM t")
        assert L.pj_sqlite_step_reset(stmt, ctypes.byref(changes)) == SQLITE_ROW and changes.value == 0
        L.pj_sqlite_finalize(stmt)
    finally:
        L.pj_sqlite_close(db)


# ---- lib/sqlite3 ---------------------------------------------------------------------------

def test_committed_data_survives_and_uncommitted_is_rolled_back(gs, tmp_path):
    path = str(tmp_path / "d.db")
    con = gs.connect(path)
    con.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(i, str(i)) for i in range(100)])
    con.commit()
    con.execute("DELETE FROM t")
    con.execute("INSERT INTO t VALUES (1000, 'lost')")
    assert con.in_transaction
    con.close()
    again = gs.connect(path)
    assert again.execute("SELECT count(*), max(k) FROM t").fetchone() == (100, 99)
    again.close()
    # The host's sqlite3 reads what the guest wrote.
    other = host.connect(path)
    assert other.execute("SELECT v FROM t WHERE k = 42").fetchone() == ("42",)
    other.close()


def test_check_same_thread(gs):
    con = gs.connect(":memory:")
    errors = []

    def use():
        try:
            con.execute("SELECT 1")
        except gs.ProgrammingError as exc:
            errors.append(str(exc))

    t = threading.Thread(target=use)
    t.start()
    t.join()
    assert len(errors) == 1 and errors[0].startswith(
        "SQLite objects created in a thread can only be used in that same thread.")
    con.close()
    shared = gs.connect(":memory:", check_same_thread=False)
    results = []
    t = threading.Thread(target=lambda: results.append(shared.execute("SELECT 7").fetchone()))
    t.start()
    t.join()
    assert results == [(7,)]
    shared.close()


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.tuples(
    st.none() | st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1)
    | st.floats(allow_nan=False) | st.text(max_size=20) | st.binary(max_size=20),
    st.text(max_size=5)), max_size=30))
def test_values_round_trip_like_host(gs, rows):
    got = gs.connect(":memory:")
    want = host.connect(":memory:")
    for con in (got, want):
        con.execute("CREATE TABLE t (a, b TEXT)")
        con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    query = "SELECT a, b, typeof(a) FROM t ORDER BY rowid"
    assert got.execute(query).fetchall() == want.execute(query).fetchall()
    assert got.total_changes == want.total_changes
    got.close()
    want.close()


def test_executemany_rowcount_and_mixed_parameters(gs):
    con = gs.connect(":memory:")
    con.execute("CREATE TABLE t (a, b)")
    cur = con.executemany("INSERT INTO t VALUES (?, ?)",
                          [(1, "x"), [2, b"y"], (3, None), (True, 2.5), (bytearray(b"z"), memoryview(b"w"))])
    assert cur.rowcount == 5
    cur = con.executemany("INSERT INTO t VALUES (:a, :b)", [{"a": 9, "b": 9}] * 3)
    assert cur.rowcount == 3
    with pytest.raises(gs.ProgrammingError, match="Incorrect number of bindings supplied"):
        con.executemany("INSERT INTO t VALUES (?, ?)", [(1, 2), (1,)])
    with pytest.raises(OverflowError):
        con.executemany("INSERT INTO t VALUES (?, ?)", [(1 << 63, 0)])
    assert con.execute("SELECT count(*) FROM t").fetchone() == (9,)
    con.close()


def test_base_type_adapter_applies_to_every_value(gs):
    # Registering an adapter for str makes every parameter go through adapt(), as in CPython.
    saved = dict(gs._adapters), gs._base_types_adapted
    try:
        gs.register_adapter(str, lambda s: s.upper())
        con = gs.connect(":memory:")
        assert con.execute("SELECT ?", ("abc",)).fetchone() == ("ABC",)
        con.close()
    finally:
        gs._adapters.clear()
        gs._adapters.update(saved[0])
        gs._base_types_adapted = saved[1]


def test_missing_features_are_refused_by_name(gs):
    con = gs.connect(":memory:")
    for method in ("enable_load_extension", "load_extension"):
        with pytest.raises(gs.NotSupportedError, match=f"Connection.{method}\\(\\)"):
            getattr(con, method)()
    con.close()


# ---- the header and native.py agree (the hashes and sqlite bridge sections) -------------------

_SCALARS = {"int": ctypes.c_int, "size_t": ctypes.c_size_t, "int64_t": ctypes.c_int64,
            "uint64_t": ctypes.c_uint64, "double": ctypes.c_double, "unsigned": ctypes.c_uint}


def _prototypes(title):
    for name, (ret, params) in pj_header.prototypes(title).items():
        if ret == "int":
            yield name, params


@pytest.mark.parametrize("title", ["hashes", "sqlite bridge"])
def test_header_matches_native_declarations(title):
    checked = 0
    for name, params in _prototypes(title):
        fn = getattr(L, name)
        assert fn.restype is ctypes.c_int, name
        argtypes = fn.argtypes
        if params == ["void"]:
            params = []
        assert argtypes is not None and len(argtypes) == len(params), name
        for param, argtype in zip(params, argtypes):
            if "(" in param or "*" in param or "[" in param:      # pointers, callbacks, arrays
                assert argtype is ctypes.c_void_p or argtype is ctypes.c_char_p \
                    or issubclass(argtype, ctypes._Pointer), (name, param, argtype)
            else:
                base = param.replace("const ", "").split()[0]
                assert argtype is _SCALARS[base], (name, param, argtype)
        checked += 1
    assert checked >= 8
