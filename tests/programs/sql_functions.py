# sqlite3: user functions and aggregates, adapters and converters, detect_types, module facts.
import datetime
import sqlite3


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=", result)


# A program's own adapter for date wins over the default one, whenever it is registered.
sqlite3.register_adapter(datetime.date, lambda d: "D:" + d.isoformat())
print(sqlite3.connect(":memory:").execute("SELECT ?, ?", (datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4))).fetchone())
print("adapters", len(sqlite3.adapters), sorted(k[0].__name__ for k in sqlite3.adapters), sorted(sqlite3.converters))
sqlite3.register_adapter(datetime.date, lambda d: d.isoformat())

con = sqlite3.connect(":memory:")
con.execute("CREATE TABLE n (x INTEGER, s TEXT)")
con.executemany("INSERT INTO n VALUES (?, ?)", [(i, "s%d" % i) for i in range(1, 11)])

# Scalar functions.
con.create_function("double", 1, lambda v: None if v is None else v * 2)
con.create_function("concat_all", -1, lambda *args: "|".join(map(str, args)))
con.create_function("kind", 1, lambda v: type(v).__name__, deterministic=True)
con.create_function("const", 0, lambda: 42)
con.create_function("blob", 1, lambda n: bytes(range(n)))
print(con.execute("SELECT double(x), double(2.5), double(NULL) FROM n WHERE x < 3").fetchall())
print(con.execute("SELECT concat_all(), concat_all(1, 'a', 2.5, NULL, x'00')").fetchone())
print(con.execute("SELECT kind(1), kind(1.0), kind('s'), kind(x'01'), kind(NULL)").fetchone())
print(con.execute("SELECT const(), blob(4), typeof(blob(0))").fetchone())
print(con.execute("SELECT sum(double(x)) FROM n").fetchone())
attempt("wrong arg count", lambda: con.execute("SELECT double(1, 2)"))
attempt("no such function", lambda: con.execute("SELECT nosuch(1)"))
con.create_function("boom", 1, lambda v: 1 / v)
attempt("function raises", lambda: con.execute("SELECT boom(0)").fetchone())
print(con.execute("SELECT boom(4)").fetchone())
con.create_function("bad_result", 0, lambda: [1])
attempt("bad result type", lambda: con.execute("SELECT bad_result()").fetchone())
con.create_function("huge", 0, lambda: 2 ** 64)
attempt("result too large", lambda: con.execute("SELECT huge()").fetchone())
con.create_function("double", 1, lambda v: v * 3)      # replaces the first one
print(con.execute("SELECT double(5)").fetchone())
attempt("too many args", lambda: con.create_function("f", 128, lambda: 0))
attempt("name not str", lambda: con.create_function(5, 1, lambda v: v))
con.create_function("upper_py", 1, str.upper)
print(con.execute("SELECT upper_py(s) FROM n WHERE x = 1").fetchone())


# Aggregates.
class Avg:
    def __init__(self):
        self.total, self.count = 0, 0

    def step(self, value):
        if value is not None:
            self.total += value
            self.count += 1

    def finalize(self):
        return self.total / self.count if self.count else None


class Join:
    def __init__(self):
        self.parts = []

    def step(self, value, sep):
        self.parts.append(str(value))
        self.sep = sep

    def finalize(self):
        return getattr(self, "sep", ",").join(self.parts)


con.create_aggregate("myavg", 1, Avg)
con.create_aggregate("myjoin", 2, Join)
print(con.execute("SELECT myavg(x), myjoin(x, '-') FROM n").fetchone())
print(con.execute("SELECT x % 3 AS g, myavg(x), myjoin(s, '+') FROM n GROUP BY g ORDER BY g").fetchall())
print(con.execute("SELECT myavg(x) FROM n WHERE x > 100").fetchone())


class StepFails(Avg):
    def step(self, value):
        raise ValueError("no")


class FinalFails(Avg):
    def finalize(self):
        raise ValueError("no")


class InitFails(Avg):
    def __init__(self):
        raise ValueError("no")


class NoStep:
    pass


con.create_aggregate("stepfails", 1, StepFails)
con.create_aggregate("finalfails", 1, FinalFails)
con.create_aggregate("initfails", 1, InitFails)
con.create_aggregate("nostep", 1, NoStep)
attempt("step raises", lambda: con.execute("SELECT stepfails(x) FROM n").fetchone())
attempt("finalize raises", lambda: con.execute("SELECT finalfails(x) FROM n").fetchone())
attempt("init raises", lambda: con.execute("SELECT initfails(x) FROM n").fetchone())
attempt("no step method", lambda: con.execute("SELECT nostep(x) FROM n").fetchone())
print(con.execute("SELECT myavg(x) FROM n").fetchone())


# Adapters and converters.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Conforming:
    def __conform__(self, protocol):
        if protocol is sqlite3.PrepareProtocol:
            return "conformed"


sqlite3.register_adapter(Point, lambda p: f"{p.x};{p.y}")
sqlite3.register_converter("point", lambda b: Point(*map(float, b.split(b";"))))
sqlite3.register_converter("Upper", lambda b: b.decode().upper())
print(sqlite3.adapt(Point(1, 2)), sqlite3.adapt(Conforming()), sqlite3.adapt(5, sqlite3.PrepareProtocol, "alt"))
attempt("adapt fails", lambda: sqlite3.adapt(object()))

dt = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
dt.execute("CREATE TABLE t (p point, d date, ts timestamp, u UPPER, n INTEGER, plain)")
dt.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
           (Point(1.5, 2), datetime.date(2024, 2, 29), datetime.datetime(2023, 12, 31, 23, 59, 58, 120),
            "shout", 7, Conforming()))
dt.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
           (None, None, datetime.datetime(2001, 1, 2, 3, 4, 5), None, None, None))
for row in dt.execute("SELECT * FROM t"):
    print(row)
print(dt.execute("SELECT p AS \"p [upper]\", n AS \"n [upper]\", plain FROM t LIMIT 1").fetchone())
try:
    dt.execute("SELECT n AS \"n [point]\" FROM t LIMIT 1").fetchone()
except TypeError as exc:
    print("converter raised", exc)
print([d[0] for d in dt.execute("SELECT p AS \"p [upper]\", 1 AS \"one [int]\" FROM t").description])
print([d[0] for d in dt.execute('SELECT 1 AS "x[int]", 2 AS "y  [int]", 3 AS "[int]", 4 AS "z [a] [b]", 5 AS "w]"').description])
print(dt.execute("SELECT '2020-05-06' AS \"d [date]\"").fetchone())
print(dt.execute("SELECT 'a' AS \"x [[upper]\", 'b' AS \"y ]x[upper]\", 'c' AS \"z [upper] [date]\", 'd' AS \"w [nosuch]\"").fetchone())
print(dt.execute("SELECT 5 AS \"n [upper]\", 1.5 AS \"f [upper]\"").fetchone())
print(dt.execute("SELECT typeof(d), d FROM t LIMIT 1").fetchone())
decl = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
decl.execute("CREATE TABLE t (p point, u upper(10), v Upper Text)")
decl.execute("INSERT INTO t VALUES ('3;4', 'abc', 'def')")
print(decl.execute("SELECT p, u, v, p AS \"x [upper]\" FROM t").fetchone())
plain = sqlite3.connect(":memory:")
plain.execute("CREATE TABLE t (p point)")
plain.execute("INSERT INTO t VALUES (?)", (Point(0, 1),))
print(plain.execute("SELECT p FROM t").fetchone())
print(plain.execute("SELECT ?", (datetime.date(1999, 1, 1),)).fetchone())

# Module facts.
print(sqlite3.complete_statement("SELECT 1;"), sqlite3.complete_statement("SELECT 1"),
      sqlite3.complete_statement("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;"),
      sqlite3.complete_statement("-- c\n;"), sqlite3.complete_statement(""))
attempt("complete_statement bytes", lambda: sqlite3.complete_statement(b"SELECT 1;"))
print(sqlite3.apilevel, sqlite3.paramstyle, sqlite3.version, sqlite3.version_info,
      sqlite3.PARSE_DECLTYPES, sqlite3.PARSE_COLNAMES)
import sqlite3 as again
print(again is sqlite3, sqlite3.sqlite_version == con.execute("SELECT sqlite_version()").fetchone()[0])
print(isinstance(sqlite3.sqlite_version_info, tuple), len(sqlite3.sqlite_version_info))
print(sqlite3.Binary(b"ab") == b"ab", sqlite3.Date is datetime.date, sqlite3.Timestamp is datetime.datetime)
print(sqlite3.SQLITE_OK, sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_DENY, sqlite3.SQLITE_IGNORE)
print(sorted(n for n in ("connect", "Row", "Cursor", "Connection", "register_adapter", "register_converter",
                         "complete_statement", "enable_callback_tracebacks") if hasattr(sqlite3, n)))
print(sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_RECURSIVE, sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER,
      sqlite3.SQLITE_CANTOPEN_DIRTYWAL, sqlite3.SQLITE_OK_SYMLINK, hasattr(sqlite3, "SQLITE_CONSTRAINT_DATATYPE"))
print(sorted(n for n in dir(sqlite3) if n.startswith("SQLITE_LIMIT")))
print([n in dir(sqlite3) for n in ("Date", "Time", "Timestamp", "adapters", "dbapi2", "connect")])
from sqlite3 import dbapi2 as legacy
print(legacy.__name__, legacy.connect is sqlite3.connect, legacy.Row is sqlite3.Row, sqlite3.dbapi2 is legacy)
con.close()
dt.close()
print("done")
