"""Socket timeouts: accept/recv/connect time out as CPython's TimeoutError('timed out')."""
import socket
import threading
from blocked_support import seen_waiting

print(socket.getdefaulttimeout())
srv = socket.create_server(("127.0.0.1", 0), backlog=1)
port = srv.getsockname()[1]
print(srv.gettimeout(), srv.getblocking())
srv.settimeout(0.1)
print(srv.gettimeout(), srv.getblocking())


def timed_accept():
    """accept()'s timeout error, and whether another thread saw it wait first."""
    done, seen = [], []
    main = threading.get_native_id()
    watcher = threading.Thread(target=lambda: seen.append(seen_waiting(main, lambda: not done)))
    watcher.start()
    try:
        srv.accept()
    except TimeoutError as exc:
        outcome = ("accept:", type(exc).__name__, exc.args, exc.errno)
    done.append(True)
    watcher.join()
    return outcome, seen[0]


for timeout in (0.1, 0.5, 2.5):   # longer only when it ended before the watcher looked (load)
    srv.settimeout(timeout)
    outcome, waited = timed_accept()
    if waited:
        break
print(*outcome)
print("waited", waited)
srv.settimeout(0.1)

c = socket.create_connection(("127.0.0.1", port), timeout=0.1)
print("client timeout", c.gettimeout())
conn, _ = srv.accept()
print("accepted timeout", conn.gettimeout())
try:
    c.recv(10)
except socket.timeout as exc:
    print("recv:", exc)
conn.sendall(b"late")
print(c.recv(10))

# settimeout(0) == non-blocking
c.settimeout(0)
print(c.gettimeout(), c.getblocking())
try:
    c.recv(10)
except BlockingIOError as exc:
    print("nonblocking:", type(exc).__name__, exc.errno, exc.strerror)
c.setblocking(True)
print(c.gettimeout(), c.getblocking())

# bad timeout values
for value in (-1, "1", float("nan"), float("inf"), 2 ** 40, 1e-10, 1 / 3, True, 2.5, -0.0):
    try:
        c.settimeout(value)
        print(repr(value), "->", c.gettimeout())
    except (ValueError, TypeError, OverflowError) as exc:
        print(repr(value), type(exc).__name__, exc)
c.settimeout(0.1)

# the default timeout applies to new sockets
socket.setdefaulttimeout(0.25)
s = socket.socket()
print(s.gettimeout())
s.close()
socket.setdefaulttimeout(None)
s = socket.socket()
print(s.gettimeout())
s.close()

# sendall with a timeout into a peer that never reads: times out, not hangs
conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
c.settimeout(0.2)
try:
    c.sendall(b"x" * (64 * 1024 * 1024))
except TimeoutError as exc:
    print("sendall:", exc)
for s in (c, conn, srv):
    s.close()
print("closed")
