# At exit the __del__ of what the program left alive runs and prints, at every tier:
# atexit first, then the modules' globals (the last imported first), a cycle, and a
# sqlite3 connection closed earlier (its finalizer used to fail at --tier jit).
import atexit
import sqlite3

import exit_support


class Counter:
    def __init__(self):
        self.n = 0

    def __del__(self):
        print("Counter del", self.n)


def work(c, k):
    for i in range(k):
        c.n += i
    return c.n


con = sqlite3.connect(":memory:")
con.execute("create table t(x)")
con.execute("insert into t values (1)")
print(con.execute("select count(*) from t").fetchone())
con.close()

counter = Counter()
work(counter, 3000)
a = exit_support.Noisy("main a")
_b = exit_support.Noisy("main _b")
cycle = [exit_support.Noisy("in a cycle")]
cycle.append(cycle)
atexit.register(print, "atexit ran")
print("end of program")
