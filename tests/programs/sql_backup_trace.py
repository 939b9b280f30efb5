# sqlite3: Connection.backup (progress, pages, errors) and set_trace_callback.
import sqlite3
def t(l, f):
  try: print(l, 'ok', f())
  except Exception as e: print(l, type(e).__name__, e)
src = sqlite3.connect(':memory:')
src.executescript('create table t(x); insert into t values (1),(2);')
for i in range(200): src.execute('insert into t values (?)', ('x'*1000,))
src.commit()
dst = sqlite3.connect(':memory:')
t('bad target', lambda: src.backup(5))
t('same', lambda: src.backup(src))
calls=[]
t('backup', lambda: src.backup(dst, pages=50, progress=lambda *a: calls.append(a)))
print(calls)
print(dst.execute('select count(*) from t').fetchone())
t('progress raises', lambda: src.backup(sqlite3.connect(':memory:'), pages=1, progress=lambda *a: 1/0))
t('bad name', lambda: src.backup(sqlite3.connect(':memory:'), name='nosuch'))
t('progress not callable', lambda: src.backup(dst, progress=5))
d2 = sqlite3.connect(':memory:'); d2.execute('create table q(y)'); d2.execute('insert into q values (1)')
t('target in txn', lambda: src.backup(d2))
t('pages 0', lambda: src.backup(sqlite3.connect(':memory:'), pages=0))
t('sleep neg', lambda: src.backup(sqlite3.connect(':memory:'), sleep=-1))
c=sqlite3.connect(':memory:'); c.close()
t('closed target', lambda: src.backup(c))
tr=[]
src.set_trace_callback(tr.append)
src.execute('insert into t values (?)', ('it''s',)); src.execute('select ?, ?', (1.5, b'ab')); src.commit()
src.executemany('insert into t values (?)', [(1,),(2,)]); src.rollback()
src.set_trace_callback(None); src.execute('select 1')
print(tr)
t('trace not callable', lambda: src.set_trace_callback(5))
t('trace not callable use', lambda: src.execute('select 3').fetchone())
src.set_trace_callback(lambda s: 1/0); t('trace raises', lambda: src.execute('select 2').fetchone())
src.set_trace_callback(None)

# Back up an in-memory database into a file, then read the file with a new connection.
import os
import tempfile
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "copy.db")
    disk = sqlite3.connect(path)
    src.backup(disk)
    disk.close()
    again = sqlite3.connect(path)
    print("file copy", again.execute("SELECT count(*), sum(length(x)) FROM t").fetchone())
    again.close()
