"""Objects made by __new__ alone ("Base Connection/Cursor.__init__ not called."), a cursor
used from its own converter while a row is fetched ("Recursive use of cursors not
allowed."), and Connection.__call__, as CPython 3.11."""
import sqlite3
con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_COLNAMES)
cur = con.cursor()
cur.execute("create table t(a text)")
cur.executemany("insert into t values (?)", [("x",), ("z",), ("q",)])
for name in ["fetchone", "fetchall", "fetchmany", "next", "executemany", "executescript", "close", "execute", "init", "setinputsizes", "iter"]:
    state = []
    def probe(value, name=name):
        if state:
            return value
        state.append(1)
        call = {"fetchone": cur.fetchone, "fetchall": cur.fetchall, "fetchmany": cur.fetchmany,
                "next": lambda: next(cur), "executemany": lambda: cur.executemany("insert into t values (?)", []),
                "executescript": lambda: cur.executescript("select 1;"), "close": cur.close,
                "execute": lambda: cur.execute("select 1"), "init": lambda: cur.__init__(con),
                "setinputsizes": lambda: cur.setinputsizes(1), "iter": lambda: iter(cur)}[name]
        try:
            call()
            print(name, "ok")
        except sqlite3.ProgrammingError as e:
            print(name, "ProgrammingError", e)
        return value
    sqlite3.converters["PROBE"] = probe
    try:
        cur.execute('select a as "a [probe]" from t').fetchall()
    except Exception as e:
        print("  outer", type(e).__name__, e)

cx = sqlite3.Connection.__new__(sqlite3.Connection)
for name, f in [("isolation_level", lambda: cx.isolation_level), ("total_changes", lambda: cx.total_changes),
                ("in_transaction", lambda: cx.in_transaction), ("iterdump", lambda: cx.iterdump()),
                ("cursor", lambda: cx.cursor()), ("close", lambda: cx.close()), ("execute", lambda: cx.execute("select 1")),
                ("commit", lambda: cx.commit()), ("call", lambda: cx("select 1"))]:
    try:
        f()
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__, e)
cu = sqlite3.Cursor.__new__(sqlite3.Cursor)
for name, f in [("execute", lambda: cu.execute("select 1")), ("fetchone", lambda: cu.fetchone()),
                ("close", lambda: cu.close()), ("iter", lambda: next(cu))]:
    try:
        f()
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__, e)
con = sqlite3.connect(":memory:")
st = con("select 1")
print(type(st).__name__, type(st).__module__)
try:
    type(st)()
except TypeError as e:
    print("TypeError", e)
try:
    con(5)
except TypeError as e:
    print("TypeError", e)
con.close()
try:
    con("select 1")
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
