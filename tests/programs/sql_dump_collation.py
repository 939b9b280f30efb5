# sqlite3: Connection.iterdump and create_collation.
import sqlite3

con = sqlite3.connect(":memory:")
con.executescript("""
    CREATE TABLE "we""ird" ("a b" INTEGER PRIMARY KEY AUTOINCREMENT, "c""d" TEXT, e REAL, f BLOB);
    CREATE TABLE plain (x, y);
    CREATE INDEX plain_x ON plain (x);
    CREATE VIEW v AS SELECT x FROM plain;
    CREATE TRIGGER tr AFTER INSERT ON plain BEGIN UPDATE plain SET y = 'seen' WHERE x = NEW.x; END;
""")
con.executemany('INSERT INTO "we""ird" ("c""d", e, f) VALUES (?, ?, ?)',
                [("it's", 1.5, b"\x00\xff"), (None, None, None), ("line\nbreak", -0.25, b"")])
con.executemany("INSERT INTO plain (x) VALUES (?)", [(1,), ("two",), (3.0,)])
con.commit()
lines = list(con.iterdump())
for line in lines:
    print(line)

# The dump rebuilds the same database.
copy = sqlite3.connect(":memory:")
copy.executescript("\n".join(lines))
for table in ('"we""ird"', "plain", "sqlite_sequence"):
    query = f"SELECT * FROM {table} ORDER BY 1"
    print(table, copy.execute(query).fetchall() == con.execute(query).fetchall())
print(sqlite3.connect(":memory:").iterdump().__class__.__name__, list(sqlite3.connect(":memory:").iterdump()))

# Collations.
con.execute("CREATE TABLE words (w TEXT)")
con.executemany("INSERT INTO words VALUES (?)", [("b",), ("A",), ("c",), ("a",), ("B",), ("é",)])
con.create_collation("reverse", lambda a, b: (a < b) - (a > b))
con.create_collation("nocase_py", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
con.create_collation("huge", lambda a, b: 2 ** 80 if a < b else -(2 ** 80) if a > b else 0)
print(con.execute("SELECT w FROM words ORDER BY w COLLATE reverse").fetchall())
print(con.execute("SELECT w FROM words ORDER BY w COLLATE nocase_py, w").fetchall())
print(con.execute("SELECT w FROM words ORDER BY w COLLATE huge").fetchall())
print(con.execute("SELECT count(*) FROM words WHERE w = 'a' COLLATE nocase_py").fetchone())


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=", result)


con.create_collation("boom", lambda a, b: 1 / 0)
attempt("raising collation", lambda: con.execute("SELECT w FROM words ORDER BY w COLLATE boom").fetchall())
print("still usable", con.execute("SELECT count(*) FROM words").fetchone())
con.create_collation("notint", lambda a, b: "x")
attempt("non-int result", lambda: con.execute("SELECT w FROM words ORDER BY w COLLATE notint").fetchall())
con.create_collation("reverse", None)
attempt("deleted collation", lambda: con.execute("SELECT w FROM words ORDER BY w COLLATE reverse"))
attempt("not callable", lambda: con.create_collation("x", 5))
attempt("name not str", lambda: con.create_collation(5, str))
attempt("unknown collation", lambda: con.execute("SELECT 1 ORDER BY 1 COLLATE nosuch"))
con.close()
attempt("closed", lambda: con.create_collation("x", None))
attempt("closed iterdump", lambda: con.iterdump())
