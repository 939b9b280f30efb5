# sqlite3: the exception hierarchy and every error path, printed as type and message.
import sqlite3


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
        return exc
    else:
        print(label, "=", result)


print([c.__name__ for c in sqlite3.Error.__mro__])
probe = sqlite3.connect(":memory:")
for name in ("Warning", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
             "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError"):
    cls = getattr(sqlite3, name)
    print(name, [c.__name__ for c in cls.__mro__[1:]], cls.__module__, getattr(probe, name) is cls)

con = sqlite3.connect(":memory:")
con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT NOT NULL UNIQUE, c CHECK (c > 0))")
con.execute("INSERT INTO t VALUES (1, 'x', 1)")

exc = attempt("syntax", lambda: con.execute("SELEC 1"))
print(exc.sqlite_errorcode, exc.sqlite_errorname)
attempt("syntax 2", lambda: con.execute("SELECT * FROM"))
attempt("no table", lambda: con.execute("SELECT * FROM missing"))
attempt("no column", lambda: con.execute("SELECT nope FROM t"))
exc = attempt("unique", lambda: con.execute("INSERT INTO t VALUES (2, 'x', 1)"))
print(exc.sqlite_errorcode, exc.sqlite_errorname)
exc = attempt("primary key", lambda: con.execute("INSERT INTO t VALUES (1, 'y', 1)"))
print(exc.sqlite_errorcode, exc.sqlite_errorname)
exc = attempt("not null", lambda: con.execute("INSERT INTO t VALUES (3, NULL, 1)"))
print(exc.sqlite_errorcode, exc.sqlite_errorname)
attempt("check", lambda: con.execute("INSERT INTO t VALUES (4, 'z', 0)"))
attempt("table exists", lambda: con.execute("CREATE TABLE t (a)"))
attempt("too few bindings", lambda: con.execute("SELECT ?, ?", (1,)))
attempt("too many bindings", lambda: con.execute("SELECT ?", (1, 2)))
attempt("no bindings", lambda: con.execute("SELECT ?"))
attempt("bindings for none", lambda: con.execute("SELECT 1", (1,)))
attempt("missing name", lambda: con.execute("SELECT :a, :b", {"a": 1}))
attempt("dict for qmark", lambda: con.execute("SELECT ?", {"a": 1}))
attempt("bad params type", lambda: con.execute("SELECT ?", 5))
attempt("set params", lambda: con.execute("SELECT ?", {1}))
attempt("unsupported type", lambda: con.execute("SELECT ?", (object(),)))
attempt("unsupported type 2", lambda: con.execute("SELECT ?, ?", (1, [1])))
attempt("two statements", lambda: con.execute("SELECT 1; SELECT 2"))
attempt("nul in sql", lambda: con.execute("SELECT 1\x00"))
attempt("sql not str", lambda: con.execute(b"SELECT 1"))
attempt("executemany select", lambda: con.executemany("SELECT ?", [(1,)]))
attempt("executemany not iterable", lambda: con.executemany("INSERT INTO t VALUES (?, ?, ?)", 5))
attempt("executemany bad row", lambda: con.executemany("INSERT INTO t VALUES (?, ?, ?)", [(9, 'q', 1), (10,)]))
print(con.execute("SELECT a FROM t ORDER BY a").fetchall())
attempt("executescript bad", lambda: con.executescript("CREATE TABLE u (x); SELEC 1; CREATE TABLE v (y);"))
print(sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")))
attempt("executescript not str", lambda: con.executescript(5))
attempt("fetchmany bad size", lambda: con.execute("SELECT 1").fetchmany("x"))
attempt("isolation bad value", lambda: setattr(con, "isolation_level", "BOGUS"))
attempt("isolation bad type", lambda: setattr(con, "isolation_level", 5))
attempt("connect isolation", lambda: sqlite3.connect(":memory:", isolation_level="NOPE"))
attempt("text decode", lambda: con.execute("SELECT CAST(x'ff' AS TEXT)").fetchone())
attempt("row factory raises", lambda: (setattr(con, "row_factory", lambda c, r: 1 / 0), con.execute("SELECT 1").fetchone()))
con.row_factory = None

cur = con.cursor()
cur.close()
attempt("closed cursor", lambda: cur.execute("SELECT 1"))
attempt("closed cursor fetch", lambda: cur.fetchone())
print("close twice ok", cur.close())
cur2 = con.execute("SELECT a FROM t")
con.close()
attempt("closed db execute", lambda: con.execute("SELECT 1"))
attempt("closed db cursor", lambda: con.cursor())
attempt("closed db commit", lambda: con.commit())
attempt("closed db rollback", lambda: con.rollback())
attempt("closed db in_transaction", lambda: con.in_transaction)
attempt("closed db total_changes", lambda: con.total_changes)
attempt("cursor of closed db", lambda: cur2.fetchone())
attempt("cursor of closed db execute", lambda: cur2.execute("SELECT 1"))
print("close twice", con.close())
attempt("connect to a directory", lambda: sqlite3.connect("/"))
attempt("connect nul", lambda: sqlite3.connect("a\x00b"))
print("done")
