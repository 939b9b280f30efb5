"""sqlite3.dbapi2: the DB-API 2.0 module under its historical name.

CPython keeps the implementation here and re-exports it from the package;
protojit does the reverse (lib/sqlite3/__init__.py), so `from sqlite3 import
dbapi2 as sqlite` gives the same objects either way.
"""
from sqlite3 import *  # noqa: F401,F403  (the whole public API)
from sqlite3 import __all__  # noqa: F401
