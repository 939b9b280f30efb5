"""With enable_callback_tracebacks(True) and the default sys.unraisablehook, an exception in
a SQLite user function prints CPython's "Exception ignored in:" report with the guest
frames (stderr is compared)."""
import sqlite3
sqlite3.enable_callback_tracebacks(True)
con = sqlite3.connect(":memory:")
def boom(x):
    raise ValueError(f"bad {x}")
con.create_function("boom", 1, boom)
try:
    con.execute("select boom(1)").fetchall()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.close()
