# sqlite3: Connection.create_window_function (step, inverse, value, finalize) and its errors.
import sqlite3


def t(label, fn):
    try:
        print(label, "ok", fn())
    except Exception as exc:
        print(label, type(exc).__name__, exc)


class WindowSum:
    def __init__(self):
        self.total = 0

    def step(self, value):
        self.total += value

    def inverse(self, value):
        self.total -= value

    def value(self):
        return self.total

    def finalize(self):
        return self.total


class NoInverse:
    def __init__(self):
        self.total = 0

    def step(self, value):
        self.total += value

    def value(self):
        return self.total

    def finalize(self):
        return self.total


class ValueRaises(WindowSum):
    def value(self):
        return 1 / 0


class InverseRaises(WindowSum):
    def inverse(self, value):
        raise ValueError("no")


class NoValue:
    def step(self, value):
        pass

    def finalize(self):
        return 0


class Strings:
    def __init__(self):
        self.parts = []

    def step(self, value):
        self.parts.append(value)

    def inverse(self, value):
        self.parts.remove(value)

    def value(self):
        return "+".join(self.parts)

    def finalize(self):
        return "+".join(self.parts)


c = sqlite3.connect(":memory:")
c.execute("CREATE TABLE t (x, s)")
c.executemany("INSERT INTO t VALUES (?, ?)", [(i, chr(96 + i)) for i in range(1, 7)])
FRAME = "OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"
t("create", lambda: c.create_window_function("wsum", 1, WindowSum))
t("window", lambda: c.execute(f"SELECT x, wsum(x) {FRAME} FROM t").fetchall())
t("running", lambda: c.execute("SELECT x, wsum(x) OVER (ORDER BY x) FROM t").fetchall())
t("partitions", lambda: c.execute("SELECT x, wsum(x) OVER (PARTITION BY x % 2 ORDER BY x) FROM t").fetchall())
t("as aggregate", lambda: c.execute("SELECT wsum(x) FROM t").fetchone())
t("empty window", lambda: c.execute("SELECT wsum(x) FROM t WHERE x > 100").fetchone())
c.create_window_function("wstr", 1, Strings)
t("strings", lambda: c.execute(f"SELECT wstr(s) {FRAME} FROM t").fetchall())
c.create_window_function("noinv", 1, NoInverse)
t("no inverse", lambda: c.execute(f"SELECT noinv(x) {FRAME} FROM t").fetchall())
c.create_window_function("valraises", 1, ValueRaises)
t("value raises", lambda: c.execute(f"SELECT valraises(x) {FRAME} FROM t").fetchall())
c.create_window_function("invraises", 1, InverseRaises)
t("inverse raises", lambda: c.execute(f"SELECT invraises(x) {FRAME} FROM t").fetchall())
c.create_window_function("novalue", 1, NoValue)
t("no value", lambda: c.execute("SELECT novalue(x) OVER (ORDER BY x) FROM t").fetchall())
t("bad arg count", lambda: c.create_window_function("w2", 200, WindowSum))
t("name not str", lambda: c.create_window_function(1, 1, WindowSum))
t("delete", lambda: c.create_window_function("wsum", 1, None))
t("deleted", lambda: c.execute("SELECT wsum(x) OVER () FROM t").fetchall())
c.close()
t("closed", lambda: c.create_window_function("w", 1, WindowSum))
