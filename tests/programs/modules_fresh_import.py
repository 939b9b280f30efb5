"""test.support's import_fresh_module of a name protojit provides (issue 19 item 2): a
fresh module, as CPython's import makes one, while sys.modules and the program's own
imports keep the module they had; blocked names; importlib after it."""
import importlib
import sys

import datetime
import hashlib
from test.support import import_helper

fresh = import_helper.import_fresh_module("datetime")
print(fresh is datetime, fresh.__name__, sys.modules["datetime"] is datetime)
print(fresh.date(2020, 1, 2).isoformat(), fresh.timedelta(days=1).days)
import datetime as again
print(again is datetime, importlib.import_module("datetime") is datetime)

pure = import_helper.import_fresh_module("datetime", blocked=["_datetime"])
print(pure is datetime, pure is fresh, pure.date is datetime.date, pure.date.__module__)
print(type(pure.date(2021, 3, 4)) is datetime.date, repr(pure.date(2021, 3, 4)))
print(sys.modules["datetime"] is datetime)

fresh_hash = import_helper.import_fresh_module("hashlib")
print(fresh_hash is hashlib, fresh_hash.sha256(b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest())
print(sys.modules["hashlib"] is hashlib, sorted(fresh_hash.algorithms_guaranteed) == sorted(hashlib.algorithms_guaranteed))
