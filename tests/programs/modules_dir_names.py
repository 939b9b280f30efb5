"""dir() of the modules lib/ provides lists CPython's names: protojit's own helpers (they
are Python here, C in CPython) stay out of it, and the names CPython's modules carry
(socket.os, subprocess.signal, threading._dangling, hashlib.__get_builtin_constructor)
are there (_thread._set_sentinel and datetime.datetime_CAPI too).
ctypes (and os) have programs of their own: modules_ctypes_one, modules_os_one."""
import _hashlib, _socket, _thread, datetime, hashlib, socket, subprocess, threading

for module in (threading, _thread, socket, _socket, hashlib, _hashlib, subprocess, datetime):
    names = dir(module)
    print(module.__name__, len(names))
    print(names)
