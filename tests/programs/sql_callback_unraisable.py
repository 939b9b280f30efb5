"""Exceptions in SQLite callbacks with enable_callback_tracebacks(True) go to
sys.unraisablehook with the callback as the object, as CPython's C module reports
them; parameters still bind after an adapter for a base type was registered and
removed (None included)."""
import sqlite3
import sys

seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), getattr(args.object, "__name__", None),
                 args.err_msg, args.exc_traceback is not None))


sys.unraisablehook = hook
sqlite3.enable_callback_tracebacks(True)
con = sqlite3.connect(":memory:")


def boom(x):
    raise ValueError(f"bad {x}")


class Summer:
    def __init__(self):
        self.total = 0

    def step(self, x):
        raise KeyError(x)

    def finalize(self):
        return self.total


def authorizer(*args):
    raise RuntimeError("no")


con.create_function("boom", 1, boom)
con.create_aggregate("summer", 1, Summer)
for sql in ("select boom(1)", "select summer(x) from (select 1 as x)"):
    try:
        con.execute(sql).fetchall()
    except sqlite3.OperationalError as e:
        print("OperationalError", e)
con.set_authorizer(authorizer)
try:
    con.execute("select 1")
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
con.set_authorizer(None)
con.set_trace_callback(boom)
con.execute("select 2")
con.set_trace_callback(None)
sqlite3.enable_callback_tracebacks(False)
try:
    con.execute("select boom(3)")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
for item in seen:
    print(item)

sqlite3.register_adapter(int, float)
del sqlite3.adapters[(int, sqlite3.PrepareProtocol)]
con.execute("create table t(a, b, c)")
con.execute("insert into t values (?, ?, ?)", (None, 5, "x"))
print(con.execute("select * from t").fetchall())
print(sqlite3.adapt(5, sqlite3.PrepareProtocol, None), sqlite3.adapt("s", sqlite3.PrepareProtocol, None))
try:
    sqlite3.adapt(object())
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
con.close()
