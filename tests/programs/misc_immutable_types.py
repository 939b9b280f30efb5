"""Classes standing for CPython C types (datetime, sqlite3, _hashlib.HASH) refuse class
attribute assignment as CPython's immutable types do; guest subclasses stay mutable."""
import datetime, sqlite3, hashlib
for cls in (datetime.date, datetime.datetime, datetime.timedelta, datetime.timezone, sqlite3.Connection, sqlite3.Row, type(hashlib.md5()), type(hashlib.sha256())):
    try:
        cls.extra = 1
        print("set", cls)
    except TypeError as e:
        print(e)
class D(datetime.date):
    pass
D.extra = 2
print(D.extra, D(2020, 1, 2) + datetime.timedelta(1))
print(datetime.date.min, datetime.timedelta.resolution, hashlib.md5(b"x").hexdigest())
