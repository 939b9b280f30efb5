"""One `sqlite3` in the process: importlib finds the program's package and its dbapi2, the
DB-API exceptions and classes pickle to the program's (by name), connections and
cursors refuse pickling as CPython's."""
import importlib, pickle, sqlite3, sqlite3.dbapi2

print(importlib.import_module("sqlite3") is sqlite3, importlib.import_module("sqlite3.dbapi2") is sqlite3.dbapi2)
print(sqlite3.dbapi2.OperationalError is sqlite3.OperationalError)
for exc in (sqlite3.OperationalError("no such table: t"), sqlite3.IntegrityError("x"), sqlite3.Warning("w")):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(exc, proto))
        assert type(back) is type(exc) and back.args == exc.args, proto
    print(repr(exc), "round-trips")
for cls in (sqlite3.Error, sqlite3.IntegrityError, sqlite3.Row, sqlite3.Connection, sqlite3.Cursor):
    print(cls.__name__, pickle.loads(pickle.dumps(cls)) is cls)
con = sqlite3.connect(":memory:")
con.row_factory = sqlite3.Row
row = con.execute("select 1 as a").fetchone()
con.execute("create table t(b blob)")
con.execute("insert into t values (zeroblob(4))")
blob = con.blobopen("t", "b", 1)
for obj in (con, con.cursor(), row, blob, sqlite3.PrepareProtocol()):
    for proto in (0, 1, 2, pickle.HIGHEST_PROTOCOL):
        try:
            pickle.dumps(obj, proto)
            print("pickled", type(obj).__name__, proto)
        except TypeError as exc:
            print(type(obj).__name__, proto, exc)
blob.close()
con.close()
