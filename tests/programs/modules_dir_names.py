"""dir() of the modules lib/ provides lists CPython's names: protojit's own helpers (they
are Python here, C in CPython) stay out of it, and the names CPython's modules carry
(socket.os, subprocess.signal, threading._dangling, hashlib.__get_builtin_constructor)
are there. (Left out: _thread._set_sentinel, datetime.datetime_CAPI: C-level only.)"""
import _hashlib, _socket, _thread, datetime, hashlib, socket, subprocess, threading

for module in (threading, _thread, socket, _socket, hashlib, _hashlib, subprocess, datetime):
    names = [n for n in dir(module) if n not in ("_set_sentinel", "datetime_CAPI")]
    print(module.__name__, len(names))
    print(names)
