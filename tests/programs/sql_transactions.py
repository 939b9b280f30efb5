# sqlite3: implicit transactions as in CPython 3.11, isolation levels, the context manager,
# executescript, and durability: committed data survives a reopen, uncommitted data does not.
import os
import sqlite3
import tempfile


def attempt(label, fn):
    try:
        result = fn()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=", result)


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.db")
    con = sqlite3.connect(path)
    print("isolation", repr(con.isolation_level), con.in_transaction)
    con.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)")
    print("after DDL", con.in_transaction)
    con.execute("INSERT INTO kv VALUES ('a', 1)")
    print("after INSERT", con.in_transaction)
    con.execute("SELECT * FROM kv").fetchall()
    print("after SELECT", con.in_transaction)
    con.commit()
    print("after commit", con.in_transaction, con.total_changes)
    con.execute("/* lead */ INSERT INTO kv VALUES ('c', 3)")
    print("after commented INSERT", con.in_transaction)
    con.commit()
    con.execute("UPDATE kv SET v = 10 WHERE k = 'a'")
    con.execute("INSERT INTO kv VALUES ('b', 2)")
    print("pending", con.in_transaction)
    con.close()                        # not committed: rolled back

    con = sqlite3.connect(path)
    print("reopened", con.execute("SELECT * FROM kv ORDER BY k").fetchall())
    con.execute("REPLACE INTO kv VALUES ('a', 5)")
    print("replace begins", con.in_transaction)
    con.rollback()
    print("rolled back", con.execute("SELECT * FROM kv ORDER BY k").fetchall(), con.in_transaction)
    con.rollback()                     # nothing to roll back: fine
    con.commit()                       # nothing to commit: fine

    # The context manager commits on success, rolls back on error, never closes.
    with con:
        con.execute("INSERT INTO kv VALUES ('d', 4)")
    print("with ok", con.in_transaction, con.execute("SELECT count(*) FROM kv").fetchone())
    try:
        with con:
            con.execute("INSERT INTO kv VALUES ('e', 5)")
            raise KeyError("boom")
    except KeyError as exc:
        print("with raised", repr(exc), con.in_transaction)
    print("after rollback", con.execute("SELECT k FROM kv ORDER BY k").fetchall())
    try:
        with con:
            con.execute("INSERT INTO kv VALUES ('a', 0)")
    except sqlite3.IntegrityError as exc:
        print("with integrity", exc, con.in_transaction)
    print("with returns", type(con.__enter__()).__name__, con.__exit__(None, None, None))

    # Explicit BEGIN and SAVEPOINT.
    con.execute("BEGIN")
    print("explicit begin", con.in_transaction)
    attempt("nested begin", lambda: con.execute("BEGIN"))
    con.execute("INSERT INTO kv VALUES ('f', 6)")
    con.execute("SAVEPOINT sp")
    con.execute("INSERT INTO kv VALUES ('g', 7)")
    con.execute("ROLLBACK TO sp")
    con.commit()
    print("savepoint", con.execute("SELECT k FROM kv ORDER BY k").fetchall())

    # Autocommit mode: isolation_level None.
    con.isolation_level = None
    con.execute("INSERT INTO kv VALUES ('h', 8)")
    print("autocommit", con.isolation_level, con.in_transaction)
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM kv WHERE k = 'h'")
    print("manual txn", con.in_transaction)
    con.execute("COMMIT")
    # Setting None commits an open implicit transaction.
    con.isolation_level = "DEFERRED"
    con.execute("DELETE FROM kv WHERE k = 'f'")
    print("deferred", con.in_transaction)
    con.isolation_level = None
    print("set None commits", con.in_transaction)
    for level in ("", "IMMEDIATE", "EXCLUSIVE", "deferred"):
        con.isolation_level = level
        con.execute("INSERT INTO kv VALUES ('lvl', 0)")
        print("level", repr(con.isolation_level), con.in_transaction)
        con.rollback()

    # executescript commits a pending transaction first, then runs as written.
    con.isolation_level = ""
    con.execute("INSERT INTO kv VALUES ('i', 9)")
    print("before script", con.in_transaction)
    con.executescript("""
        CREATE TABLE log (msg TEXT);
        INSERT INTO log VALUES ('one');
        -- a comment
        INSERT INTO log VALUES ('two; with a semicolon');
    """)
    print("after script", con.in_transaction, con.execute("SELECT * FROM log").fetchall())
    cur = con.executescript("BEGIN; INSERT INTO log VALUES ('three'); ")
    print("script left txn open", con.in_transaction, type(cur).__name__, cur.rowcount)
    con.rollback()
    print(con.execute("SELECT count(*) FROM log").fetchone())

    # executemany inside one implicit transaction; rowcount sums the changes.
    cur = con.executemany("INSERT INTO log VALUES (?)", [("m%d" % i,) for i in range(100)])
    print("executemany", cur.rowcount, con.in_transaction, con.total_changes)
    cur = con.execute("UPDATE log SET msg = msg || '!' WHERE msg LIKE 'm%'")
    print("update rowcount", cur.rowcount)
    con.commit()
    con.close()

    # A second connection sees committed data only.
    a = sqlite3.connect(path, timeout=0.1)
    b = sqlite3.connect(path, timeout=0.1)
    a.execute("INSERT INTO kv VALUES ('z', 26)")
    print("b before commit", b.execute("SELECT count(*) FROM kv WHERE k = 'z'").fetchone())
    attempt("b writes while a holds the lock", lambda: b.execute("INSERT INTO kv VALUES ('y', 25)"))
    b.rollback()
    a.commit()
    print("b after commit", b.execute("SELECT v FROM kv WHERE k = 'z'").fetchone())
    a.close()
    b.close()

    # uri=True, mode=ro.
    ro = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    print("ro read", ro.execute("SELECT count(*) FROM kv").fetchone())
    attempt("ro write", lambda: ro.execute("INSERT INTO kv VALUES ('w', 0)"))
    ro.close()
    attempt("uri missing", lambda: sqlite3.connect("file:" + os.path.join(tmp, "nope.db") + "?mode=ro", uri=True))
    attempt("not a database", lambda: (open(os.path.join(tmp, "junk.db"), "wb").write(b"x" * 4096),
                                       sqlite3.connect(os.path.join(tmp, "junk.db")).execute("SELECT 1 FROM sqlite_master")))
    print(sorted(os.listdir(tmp)))

mem = sqlite3.connect(":memory:")
print("memory isolation None", sqlite3.connect(":memory:", isolation_level=None).isolation_level)
print("done")
