"""socketpair, shutdown, dup/detach/fileno, selectors and select on protojit sockets."""
import os
import select
import selectors
import socket

a, b = socket.socketpair()
print(a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM, a.proto)
print(a.getsockname(), b.getpeername())
print(type(a).__name__, isinstance(a, socket.socket), isinstance(a.fileno(), int))
a.sendall(b"abc")
print(b.recv(10))
b.send(b"reply")
print(a.recv(2), a.recv(10))

# select / selectors work: the sockets have real descriptors
print(select.select([b], [], [], 0)[0] == [])
a.send(b"ready")
r, w, x = select.select([a, b], [a], [], 1)
print(r == [b], w == [a], x)
print(b.recv(10))

sel = selectors.DefaultSelector()
sel.register(a, selectors.EVENT_READ, "a")
sel.register(b, selectors.EVENT_READ, "b")
b.send(b"to-a")
events = sel.select(timeout=1)
print([(key.data, mask) for key, mask in events])
print(a.recv(10))
print(sel.select(timeout=0))
sel.close()

poller = select.poll()
poller.register(b, select.POLLIN)
a.send(b"poll")
print([(fd == b.fileno(), ev & select.POLLIN) for fd, ev in poller.poll(1000)])
print(b.recv(10))

# shutdown: the peer sees EOF; writing after SHUT_WR fails with EPIPE
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
try:
    a.send(b"x")
except BrokenPipeError as exc:
    print(type(exc).__name__, exc)
b.send(b"still open")
print(a.recv(20))

# dup makes an independent socket on a new descriptor
c = a.dup()
print(c.fileno() != a.fileno(), c.family == a.family, c.type == a.type)
b.send(b"dup")
print(c.recv(10))
c.close()
print(c.fileno(), a.fileno() >= 0)

# detach hands the descriptor over; fromfd/socket(fileno=) adopt one
fd = a.detach()
print(a.fileno(), fd >= 0)
d = socket.socket(fileno=fd)
print(d.family == socket.AF_UNIX, d.type == socket.SOCK_STREAM)
e = socket.fromfd(d.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
b.send(b"both")
print(e.recv(2), d.recv(2))
e.close()
d.close()
b.close()

# datagram pairs keep boundaries
x, y = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
x.send(b"one")
x.send(b"two")
print(y.recv(10), y.recv(10))
x.close()
y.close()

# raw fd I/O on a socket's descriptor
p, q = socket.socketpair()
os.write(p.fileno(), b"via os")
print(os.read(q.fileno(), 10))
with p, q:
    pass
print(p.fileno(), q.fileno())
try:
    p.send(b"x")
except OSError as exc:
    print(type(exc).__name__, exc)
