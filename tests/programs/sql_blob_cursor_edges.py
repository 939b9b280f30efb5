"""sqlite3 edges from CPython's own suite: a closed Blob refuses __exit__ too; blob indexes
beyond a C ssize_t and seeks beyond a C int; non-contiguous buffers (BufferError for blob
writes, slice assignment and deserialize; OperationalError when a function returns one);
a cursor used again from the generator of its own executemany; Connection.__init__ again
on a live connection (old cursors keep reading) and on a path that cannot open."""
import os, sqlite3, tempfile

cx = sqlite3.connect(":memory:")
cx.execute("create table test(b blob)")
cx.execute("insert into test values (zeroblob(100))")
blob = cx.blobopen("test", "b", 1)
for label, action in [("index", lambda: blob[2 ** 64]), ("seek cur", lambda: blob.seek(2 ** 31 - 1, 1)),
                      ("seek end", lambda: blob.seek(2 ** 31 - 1, 2)), ("seek big", lambda: blob.seek(2 ** 31)),
                      ("seek far", lambda: blob.seek(1000)), ("origin", lambda: blob.seek(1, 3)),
                      ("slice", lambda: blob.__setitem__(slice(5, 10), memoryview(b"abcdefghij")[::2])),
                      ("write", lambda: blob.write(memoryview(b"abcdef")[::2])),
                      ("deserialize", lambda: cx.deserialize(memoryview(b"blob")[::2]))]:
    blob.seek(1)
    try:
        action()
        print(label, "no error")
    except Exception as exc:
        print(label, type(exc).__name__, exc)
blob.close()
for name in ("read", "tell", "__enter__"):
    try:
        getattr(blob, name)()
    except sqlite3.ProgrammingError as exc:
        print(name, exc)
try:
    blob.__exit__(None, None, None)
except sqlite3.ProgrammingError as exc:
    print("__exit__", exc)

cx.create_function("noncont", 0, lambda: memoryview(b"blob")[::2])
try:
    cx.execute("select noncont()").fetchone()
except sqlite3.OperationalError as exc:
    print("OperationalError", exc)

cur = cx.cursor()
cur.execute("create table a (bar)")
cur.execute("create table b (baz)")
def rows():
    cur.execute("insert into a (bar) values (?)", (1,))
    yield 1
try:
    cur.executemany("insert into b (baz) values (?)", ((i,) for i in rows()))
except sqlite3.ProgrammingError as exc:
    print("ProgrammingError", exc)
print(cur.execute("select count(*) from a").fetchone(), cur.execute("select count(*) from b").fetchone())

cx = sqlite3.connect(":memory:")
cx.text_factory = bytes
cx.row_factory = sqlite3.Row
cu = cx.cursor()
cu.execute("create table foo (bar)")
cu.executemany("insert into foo (bar) values (?)", ((str(v),) for v in range(4)))
cu.execute("select bar from foo")
print([r[0] for r in cu.fetchmany(2)])
cx.__init__(":memory:")
cx.execute("create table foo (bar)")
cx.executemany("insert into foo (bar) values (?)", ((v,) for v in "abcd"))
print([tuple(r) for r in cu.fetchall()], cx.execute("select count(*) from foo").fetchone())
with tempfile.TemporaryDirectory() as folder:
    try:
        cx.__init__(folder)
    except sqlite3.OperationalError as exc:
        print("OperationalError", exc)
try:
    cx.execute("select 1")
except sqlite3.ProgrammingError as exc:
    print("ProgrammingError", exc)
