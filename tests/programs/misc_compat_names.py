"""Names and behaviours CPython's own test suites rely on: type()'s __module__, exec()
with `global` and separate namespaces, bytes source with a BOM or a coding cookie,
iterating gc.get_objects(), and the private names of hashlib/threading/socket/subprocess."""
import gc
import hashlib
import socket
import subprocess
import threading

# type() with three arguments takes __module__ from the calling module
C = type("C", (), {})
print(C.__module__, C, type("D", (C,), {"__module__": "elsewhere"}).__module__)


class Meta(type):
    def __new__(mcs, name, bases, ns):
        return super().__new__(mcs, name, bases, ns)


print(Meta("E", (), {}).__module__, type.__new__(Meta, "F", (), {}).__module__)
ns = {"a": 1}
G = type("G", (), ns)
print(ns, [k for k in G.__dict__ if not k.startswith("__") or k == "__module__"])

# exec: `global` at module level writes the globals, other names the locals
g, l = {}, {}
exec("global a\na = 1\nb = 2\ndef f(): return a\nc = f()", g, l)
print(sorted(k for k in g if k != "__builtins__"), sorted(l))
print(eval(b"\xef\xbb\xbf40 + 2"), eval("# -*- coding: latin-1 -*-\n'caf\xe9'".encode("latin-1")))
exec(b"\xef\xbb\xbfx = 'bom'\n", g)
print(g["x"])

# every object the collector tracks can be bound to a name and read back
count = 0
for obj in gc.get_objects():
    count += obj is not None
print(count > 0, len([x for x in gc.get_objects()]) > 0)

# hashlib's private constructor lookup
get = getattr(hashlib, "__get_builtin_constructor")
print(get("md5")(b"abc").hexdigest(), get("SHA256")(b"abc").hexdigest()[:16], get("sha3_256")(b"").name)
try:
    get("nope")
except ValueError as e:
    print("ValueError", e)

# threading's pure-Python RLock
lock = threading._PyRLock()
print(lock.acquire(), lock.acquire(), lock._is_owned(), lock._recursion_count())
lock.release()
print(repr(lock).split(" owner=")[0], lock._recursion_count())
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", e)
cond = threading.Condition(threading._PyRLock())
with cond:
    print(cond.wait(0.01))
print(repr(lock).split(" owner=")[0])

# socket and subprocess private names
print(socket._LOCALHOST, socket._LOCALHOST_V6, issubclass(socket._GiveupOnSendfile, Exception))
print(isinstance(subprocess._USE_POSIX_SPAWN, bool), isinstance(subprocess._USE_VFORK, bool))
