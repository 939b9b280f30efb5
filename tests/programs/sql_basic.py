# sqlite3: queries, parameters, fetching, description, rowcount/lastrowid, types, Row, factories.
import sqlite3

con = sqlite3.connect(":memory:")
print(type(con).__name__, type(con.cursor()).__name__)
cur = con.cursor()
print(cur.connection is con, cur.arraysize, cur.rowcount, cur.lastrowid, cur.description)
cur.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER, score REAL, photo BLOB)")
print("create", cur.rowcount, cur.lastrowid, cur.description)
cur.execute("INSERT INTO people (name, age, score, photo) VALUES (?, ?, ?, ?)", ("ann", 31, 9.5, b"\x00\x01"))
print("insert", cur.rowcount, cur.lastrowid)
cur.execute("INSERT INTO people (name, age, score) VALUES (:name, :age, :score)",
            {"name": "bob", "age": 42, "score": -1.25, "unused": 0})
print("named", cur.rowcount, cur.lastrowid)
cur.executemany("INSERT INTO people (name, age) VALUES (?, ?)", [("cy", 7), ("di", None), ("ed", 2 ** 62)])
print("many", cur.rowcount, cur.lastrowid)
cur.executemany("INSERT INTO people (name) VALUES (?)", iter([("f%d" % i,) for i in range(3)]))
print("many iter", cur.rowcount)
cur.executemany("INSERT INTO people (name) VALUES (?)", (x for x in [("g",), ("h",)]))
print("many gen", cur.rowcount)

cur.execute("SELECT id, name, age, score, photo FROM people ORDER BY id")
print([d[0] for d in cur.description], all(d[1:] == (None,) * 6 for d in cur.description))
print("select rowcount", cur.rowcount)
print("one", cur.fetchone())
print("many default", cur.fetchmany())
print("many 2", cur.fetchmany(2))
cur.arraysize = 3
print("many arraysize", cur.fetchmany())
print("all", cur.fetchall())
print("exhausted", cur.fetchone(), cur.fetchall(), cur.fetchmany(5))

for row in con.execute("SELECT name FROM people WHERE age > ? ORDER BY name", (10,)):
    print("iter", row)
print(list(con.execute("SELECT count(*), sum(age), avg(score) FROM people")))

# Type mapping, both ways.
values = [None, 0, -1, 2 ** 63 - 1, -2 ** 63, 1.5, float("inf"), -0.0, "", "héllo €", "a\x00b", b"", b"\xff\x00", bytearray(b"ba"), memoryview(b"mv"), True]
for v in values:
    got = con.execute("SELECT ?, typeof(?)", (v, v)).fetchone()
    print("roundtrip", type(v).__name__, repr(got))
print(con.execute("SELECT 1, 1.0, 'x', x'4142', NULL, 9223372036854775807, 1e308 * 10").fetchone())
print(con.execute("SELECT 2.5 * 2, 7 / 2, 7 % 3, 'a' || 'b', length('héllo')").fetchone())
try:
    con.execute("SELECT ?", (2 ** 63,))
except OverflowError as exc:
    print("OverflowError", exc)

# Description of expressions and aliases.
cur = con.execute("SELECT name AS who, age + 1, count(*) AS n FROM people GROUP BY name LIMIT 1")
print([d[0] for d in cur.description])
print(con.execute("UPDATE people SET age = age + 1 WHERE age IS NOT NULL").rowcount)
print(con.execute("DELETE FROM people WHERE name LIKE 'f%'").rowcount)
print(con.execute("DELETE FROM people WHERE 0").rowcount)
print("total_changes", con.total_changes)

# row_factory and sqlite3.Row.
con.row_factory = sqlite3.Row
row = con.execute("SELECT id, name AS Name, age FROM people ORDER BY id").fetchone()
print(type(row).__name__, row.keys(), len(row), tuple(row), row[0], row["name"], row["NAME"], row[-1], row[1:])
print(row == con.execute("SELECT id, name AS Name, age FROM people ORDER BY id").fetchone())
print(hash(row) == hash(con.execute("SELECT id, name AS Name, age FROM people ORDER BY id").fetchone()))
for bad in ("nope", 10, 1.5):
    try:
        row[bad]
    except Exception as exc:
        print(type(exc).__name__, exc)
print(dict(zip(row.keys(), row)))
cur = con.cursor()
print("cursor row_factory", cur.row_factory is sqlite3.Row)
cur.row_factory = lambda c, r: {d[0]: v for d, v in zip(c.description, r)}
print(cur.execute("SELECT name, age FROM people WHERE id = 1").fetchone())
con.row_factory = None
print(con.execute("SELECT name FROM people WHERE id = 1").fetchone())

# text_factory.
con.text_factory = bytes
print(con.execute("SELECT 'héllo', x'00', 3").fetchone())
con.text_factory = lambda b: b.decode("utf-8").upper()
print(con.execute("SELECT 'abc'").fetchone())
con.text_factory = str
print(con.execute("SELECT 'abc'").fetchone())

# Empty statements and comments.
cur = con.execute("   ")
print("empty", cur.description, cur.fetchall(), cur.rowcount)
print(con.execute("-- just a comment\nSELECT 5 /* c */").fetchone())
print(con.execute("SELECT 6;").fetchone())
print(con.execute("SELECT 6;   -- trailing").fetchone())

cur.close()
con.close()


# connect() calls the factory with the arguments as given.
class LoggingConnection(sqlite3.Connection):
    def __init__(self, *args, **kwargs):
        print("factory got", args[1:], sorted(kwargs))
        super().__init__(*args, **kwargs)


for con in (sqlite3.connect(":memory:", factory=LoggingConnection),
            sqlite3.connect(":memory:", 2.0, 0, None, True, LoggingConnection),
            sqlite3.connect(database=":memory:", isolation_level="IMMEDIATE", factory=LoggingConnection)):
    print(type(con).__name__, con.isolation_level, con.execute("SELECT 1").fetchone())
    con.close()
try:
    sqlite3.connect()
except TypeError as exc:
    print("TypeError", exc)
print("done")
