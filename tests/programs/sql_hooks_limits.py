# sqlite3: set_authorizer, set_progress_handler, getlimit/setlimit.
import sqlite3


def t(label, fn):
    try:
        print(label, "ok", fn())
    except Exception as exc:
        print(label, type(exc).__name__, exc)


c = sqlite3.connect(":memory:")
t("getlimit", lambda: c.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) > 0)
t("setlimit", lambda: c.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 2) > 0)
t("getlimit again", lambda: c.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
t("too many variables", lambda: c.execute("SELECT ?, ?, ?", (1, 2, 3)))
t("two variables", lambda: c.execute("SELECT ?, ?", (1, 2)).fetchone())
t("bad category", lambda: c.getlimit(99))
t("bad category set", lambda: c.setlimit(-1, 5))
t("negative limit reads", lambda: c.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, -1))
t("length limit", lambda: (c.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10),
                           c.execute("SELECT ?", ("x" * 20,)).fetchone()))
c.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1000000)

c.execute("CREATE TABLE t (a, secret, hidden)")
c.execute("INSERT INTO t VALUES (1, 2, 3)")
log = []


def auth(action, arg1, arg2, dbname, source):
    log.append((action, arg1, arg2, dbname, source))
    if arg2 == "secret":
        return sqlite3.SQLITE_DENY
    if arg2 == "hidden":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


c.set_authorizer(auth)
t("authorized", lambda: c.execute("SELECT a FROM t").fetchall())
t("denied", lambda: c.execute("SELECT secret FROM t").fetchall())
t("ignored column reads NULL", lambda: c.execute("SELECT a, hidden FROM t").fetchall())
t("insert (table-level action)", lambda: c.execute("INSERT INTO t (secret) VALUES (5)").rowcount)
t("denied update", lambda: c.execute("UPDATE t SET secret = 6").rowcount)
print(log[:6])
c.set_authorizer(lambda *args: 1 / 0)
t("authorizer raises", lambda: c.execute("SELECT a FROM t").fetchall())
c.set_authorizer(lambda *args: "yes")
t("authorizer returns str", lambda: c.execute("SELECT a FROM t").fetchall())
c.set_authorizer(lambda *args: 2 ** 40)
t("authorizer returns huge", lambda: c.execute("SELECT a FROM t").fetchall())
c.set_authorizer(lambda *args: True)
t("authorizer returns True (DENY)", lambda: c.execute("SELECT a FROM t").fetchall())
c.set_authorizer(None)
t("authorizer removed", lambda: c.execute("SELECT a FROM t").fetchall())

calls = [0]


def progress():
    calls[0] += 1
    return calls[0] > 3


QUERY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 100000) SELECT count(*) FROM r"
c.set_progress_handler(progress, 1)
t("progress aborts", lambda: c.execute(QUERY).fetchone())
print("progress calls", calls[0])
c.set_progress_handler(lambda: 1 / 0, 1)
t("progress raises", lambda: c.execute("SELECT 1").fetchone())
c.set_progress_handler(None, 1)
t("progress removed", lambda: c.execute("SELECT 1").fetchone())
c.set_progress_handler(lambda: 0, 100)
t("progress false", lambda: c.execute(QUERY.replace("100000", "1000")).fetchone())
t("progress keywords", lambda: c.set_progress_handler(progress_handler=None, n=5))
t("authorizer keyword", lambda: c.set_authorizer(authorizer_callback=None))
c.close()
t("closed getlimit", lambda: c.getlimit(0))
t("closed authorizer", lambda: c.set_authorizer(None))
