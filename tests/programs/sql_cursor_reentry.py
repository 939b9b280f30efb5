"""A converter that uses its own cursor while the row is being fetched: close() and
execute() refuse ("Recursive use of cursors not allowed."), the rest behaves as in
CPython, and nothing reads freed memory (the row is copied out of SQLite first)."""
import sqlite3
con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_COLNAMES)
cur = con.cursor()
cur.execute("create table t(a text)")
cur.executemany("insert into t values (?)", [("x" * 50,), ("z" * 50,), ("q" * 50,)])
depth = 0
def probe(value):
    global depth
    depth += 1
    if depth == 1:
        for name, call in [("close", cur.close), ("execute", lambda: cur.execute("select 1")),
                           ("executemany", lambda: cur.executemany("select ?", [(1,)])),
                           ("executescript", lambda: cur.executescript("select 1;")),
                           ("fetchone", cur.fetchone), ("fetchmany", lambda: cur.fetchmany(1)),
                           ("fetchall", cur.fetchall), ("next", lambda: next(cur)),
                           ("description", lambda: cur.description),
                           ("rowcount", lambda: cur.rowcount)]:
            try:
                r = call()
                print(name, "ok", type(r).__name__)
            except sqlite3.ProgrammingError as e:
                print(name, "ProgrammingError", e)
    depth -= 1
    return value.decode()[:3]
sqlite3.register_converter("PROBE", probe)
try:
    print(cur.execute('select a as "a [probe]" from t').fetchall())
except StopIteration:
    print("StopIteration from the converter")
print(cur.execute("select count(*) from t").fetchone())
cur.close()
con.close()
