# sqlite3: Connection.serialize and deserialize.
import sqlite3


def t(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, type(exc).__name__, exc)
    else:
        if isinstance(result, bytes):
            result = (len(result), result[:16])
        print(label, "ok", result)


src = sqlite3.connect(":memory:")
src.executescript("CREATE TABLE t (x, y); INSERT INTO t VALUES (1, 'one'), (2, x'0102');")
src.commit()
data = src.serialize()
t("serialize", lambda: data)
dst = sqlite3.connect(":memory:")
t("deserialize", lambda: dst.deserialize(data))
t("read back", lambda: dst.execute("SELECT * FROM t ORDER BY x").fetchall())
t("writable after", lambda: (dst.execute("INSERT INTO t VALUES (3, NULL)"), dst.commit(),
                             dst.execute("SELECT count(*) FROM t").fetchone())[2])
t("round trip", lambda: sqlite3.connect(":memory:").deserialize(dst.serialize()))
t("bytearray", lambda: sqlite3.connect(":memory:").deserialize(bytearray(data)))
t("memoryview", lambda: sqlite3.connect(":memory:").deserialize(memoryview(data)))
t("serialize unknown schema", lambda: src.serialize(name="nosuch"))
t("serialize empty database", lambda: sqlite3.connect(":memory:").serialize())
junk = sqlite3.connect(":memory:")
t("deserialize junk", lambda: junk.deserialize(b"junk"))
t("use junk", lambda: junk.execute("SELECT * FROM sqlite_master").fetchall())
t("deserialize empty", lambda: sqlite3.connect(":memory:").deserialize(b""))
t("serialize positional", lambda: src.serialize("main"))
src.close()
t("closed", lambda: src.serialize())
