"""The interpreter's own messages name the guest datetime and sqlite3 classes as CPython names
its C types ('datetime.timedelta', 'sqlite3.Row'), while __name__ stays the short name."""
import datetime
for a, b in [(datetime.timedelta(1), "x"), (datetime.date(2020, 1, 1), 1), (datetime.datetime(2020, 1, 1), []), (datetime.time(), 1)]:
    for op in ("+", "<", "*"):
        try:
            eval(f"a {op} b")
        except TypeError as e:
            print(e)
try:
    datetime.date(2020, 1, 1).nope
except AttributeError as e:
    print(e)
print(datetime.timedelta.__name__, datetime.timedelta.__qualname__, datetime.timedelta, repr(datetime.timedelta(2)))
class Sub(datetime.date): pass
try:
    Sub(2020, 1, 1) + "x"
except TypeError as e:
    print(e)
import pickle
print(pickle.loads(pickle.dumps(datetime.timedelta(3))))
import sqlite3
con = sqlite3.connect(":memory:")
row = con.execute("select 1").fetchone()
con.row_factory = sqlite3.Row
r = con.execute("select 1 as a").fetchone()
for obj in (con, con.cursor(), r):
    try:
        obj.nope
    except AttributeError as e:
        print(e)
    try:
        obj + 1
    except TypeError as e:
        print(e)
print(type(r).__name__, type(r), sqlite3.Row.__qualname__)
con.close()
