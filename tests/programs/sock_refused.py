"""Refused and failed connections map to CPython's exception classes."""
import errno
import socket

# a port that nobody listens on: bound here and kept bound but never listening, so no
# other program can take it meanwhile (Linux refuses a connection to such a port)
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]

s = socket.socket()
try:
    s.connect(("127.0.0.1", port))
except ConnectionRefusedError as exc:
    print(type(exc).__name__, exc.errno == errno.ECONNREFUSED, exc.strerror, exc)
s.close()

s = socket.socket()
print(s.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
s.close()

try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
except OSError as exc:
    print(type(exc).__name__, exc)

s = socket.socket()
s.settimeout(5)
try:
    s.connect(("127.0.0.1", port))
except ConnectionRefusedError as exc:
    print("with timeout:", exc)
s.close()

# errors from bad addresses and states
s = socket.socket()
for call, args in [("connect", (("127.0.0.1", 70000),)), ("connect", ("127.0.0.1",)),
                   ("bind", (("127.0.0.1", -1),)), ("bind", (("256.1.1.1", 0),)),
                   ("getpeername", ()), ("send", (b"x",)), ("recv", (-1,)),
                   ("listen", ("x",))]:
    try:
        getattr(s, call)(*args)
        print(call, "ok")
    except Exception as exc:
        print(call, type(exc).__name__, exc)
s.close()

# a peer that closes: the other side sees EOF, then a broken pipe or reset
srv = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
conn.close()
print(c.recv(10))
failures = set()
for _ in range(50):
    try:
        c.send(b"x" * 1024)
    except (BrokenPipeError, ConnectionResetError) as exc:
        failures.add(isinstance(exc, ConnectionError))
        break
print("broken:", failures)
c.close()
srv.close()

# an address already in use
a = socket.socket()
a.bind(("127.0.0.1", 0))
a.listen()
b = socket.socket()
try:
    b.bind(a.getsockname())
except OSError as exc:
    print(type(exc).__name__, exc.errno == errno.EADDRINUSE, exc.strerror)
a.close()
b.close()

# use after close
try:
    a.accept()
except OSError as exc:
    print(type(exc).__name__, exc)
probe.close()
