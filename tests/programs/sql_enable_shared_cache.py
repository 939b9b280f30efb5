"""sqlite3.enable_shared_cache: CPython 3.11's DeprecationWarning (attributed to the caller's
line), then SQLite's process-wide flag set; its argument errors as CPython's."""
import sqlite3, warnings, os
def use():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        print(sqlite3.enable_shared_cache(True), sqlite3.enable_shared_cache(0))
    print(len(w), w[0].category.__name__, os.path.basename(w[0].filename), w[0].lineno, str(w[0].message)[:40])
use()
warnings.simplefilter("ignore")
for a in (("x",), (), (1, 2), (2 ** 40,), (-2 ** 40,)):
    try:
        sqlite3.enable_shared_cache(*a)
    except Exception as e:
        print(type(e).__name__, e)
