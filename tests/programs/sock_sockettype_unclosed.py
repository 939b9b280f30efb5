"""socket.SocketType is the C-level base type _socket.socket, and a socket collected while
open warns ResourceWarning (with the socket as its source) before it closes, as CPython's
finalizer does; one left open at exit stays silent under the default filters."""
import _socket, gc, socket, warnings
print(socket.SocketType is _socket.socket, issubclass(socket.socket, socket.SocketType))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    s = socket.socket()
    fd = s.fileno()
    del s
    gc.collect()
    t = socket.socket()
    t.close()
    del t
    gc.collect()
for w in caught:
    print(w.category.__name__, str(w.message).replace(f"fd={fd}", "fd=N"), type(w.source).__name__)
left_open = socket.socket()
print("left one open")
