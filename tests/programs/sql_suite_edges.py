"""sqlite3 details CPython's own test_sqlite3 checks: adapt()'s order (registry, then
proto.__adapt__, then obj.__conform__; a TypeError from a hook means "try the next"),
__conform__ called for every non-base type (a KeyboardInterrupt in it propagates),
converters give None for an empty text or blob, isolation_level compared in C (a str
subclass's upper() is not called), Connection() checks the connection before its
arguments, cursor factories and Row() check the real type, Row is a Sequence,
OptimizedUnicode's DeprecationWarning, and SQL longer than SQLITE_LIMIT_SQL_LENGTH."""
import collections.abc
import os
import sqlite3
import warnings


def attempt(label, f, *args):
    try:
        result = f(*args)
    except BaseException as e:     # noqa: BLE001 - printed
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", result if not isinstance(result, sqlite3.Cursor) else "cursor")


class Proto:
    @staticmethod
    def __adapt__(obj):
        print("  __adapt__ called")
        return "from __adapt__"


class RaisingProto:
    @staticmethod
    def __adapt__(obj):
        raise TypeError("no")


class Conforms:
    def __conform__(self, proto):
        print("  __conform__ called")
        return "from __conform__"


class BadConform:
    def __init__(self, exc):
        self.exc = exc

    def __conform__(self, proto):
        raise self.exc


attempt("adapt order", sqlite3.adapt, Conforms(), Proto)
attempt("adapt after a TypeError", sqlite3.adapt, Conforms(), RaisingProto)
attempt("conform TypeError, alt", sqlite3.adapt, BadConform(TypeError), sqlite3.PrepareProtocol, "alt")
attempt("conform TypeError", sqlite3.adapt, BadConform(TypeError))
attempt("conform ValueError", sqlite3.adapt, BadConform(ValueError("v")), sqlite3.PrepareProtocol, "alt")

con = sqlite3.connect(":memory:")
attempt("bind conform TypeError", con.execute, "select ?", (BadConform(TypeError),))
attempt("bind conform KeyboardInterrupt", con.execute, "select ?", (BadConform(KeyboardInterrupt),))
attempt("bind named conform TypeError", con.execute, "select :v", {"v": BadConform(TypeError)})
print("bind conform:", con.execute("select ?", (Conforms(),)).fetchone())

sqlite3.register_converter("tagged", lambda b: ("converted", b))
typed = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
typed.execute("create table t(x tagged)")
for value in (b"", "", b"a", "b", 0, 1.5, None):
    typed.execute("insert into t values (?)", (value,))
print("converted:", typed.execute("select x from t").fetchall())


class CustomStr(str):
    def upper(self):
        return None


con.isolation_level = None
for level in ("", "DEFERRED", "immediate", "Exclusive", CustomStr("deferred")):
    con.isolation_level = level
    print("isolation_level", repr(str(level)), "->", repr(con.isolation_level))
for bad in (1, b"", "abc", "IMMEDIATE\0EXCLUSIVE", "\xe9", "DEFERRE\u0131"):
    def set_level(value=bad):
        con.isolation_level = value
    attempt(f"isolation_level {bad!r}", set_level)
print("unchanged:", repr(con.isolation_level))

print("Row is a Sequence:", issubclass(sqlite3.Row, collections.abc.Sequence))
con.row_factory = sqlite3.Row
print("row:", isinstance(con.execute("select 1").fetchone(), collections.abc.Sequence))
con.row_factory = None


class FakeCursor(str):
    __class__ = sqlite3.Cursor


attempt("cursor(FakeCursor)", con.cursor, FakeCursor)
attempt("Row(FakeCursor(), ())", sqlite3.Row, FakeCursor(), ())

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    factory = sqlite3.OptimizedUnicode
print("OptimizedUnicode:", factory, [(w.category.__name__, os.path.basename(w.filename))
                                     for w in caught])

limited = sqlite3.connect(":memory:")
limited.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 40)
attempt("longest statement", lambda: limited.execute("select 1".ljust(40)).fetchone())
attempt("statement too long", limited.execute, "select 2".ljust(41))
attempt("non-ASCII counts bytes", limited.execute, "select 'ééééééééééééééééé'")
attempt("Connection() too long", limited, "select 3".ljust(41))
attempt("script too long", limited.executescript, "select 4;".ljust(41))
attempt("longest script", limited.executescript, "select 5;".ljust(40))

attempt("Connection() no argument", con)
attempt("Connection() keyword", lambda: con(sql="select 1"))
attempt("Connection() int", con, 1)
con.close()
attempt("closed Connection()", con)
attempt("closed Connection() int", con, 1)
