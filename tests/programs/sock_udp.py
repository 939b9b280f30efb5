"""UDP on loopback: sendto/recvfrom, connected datagram sockets, recv_into, timeouts."""
import socket

a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.bind(("127.0.0.1", 0))
b.bind(("127.0.0.1", 0))
a.settimeout(10)
b.settimeout(10)
addr_a = a.getsockname()
addr_b = b.getsockname()
print(a.type == socket.SOCK_DGRAM, a.family == socket.AF_INET, addr_a[0])

for i in range(5):
    n = a.sendto(b"ping %d" % i, addr_b)
    data, sender = b.recvfrom(100)
    print(n, data, sender == addr_a)
    b.sendto(data.replace(b"ping", b"pong"), 0, sender)
    print(a.recv(100))

# datagrams keep their boundaries; a short buffer truncates one datagram
for size in (1, 100, 1400):
    a.sendto(bytes(range(256)) * (size // 256) + bytes(size % 256), addr_b)
sizes = [len(b.recv(2048)) for _ in range(3)]
print(sizes)
a.sendto(b"0123456789", addr_b)
print(b.recv(4))

# connected UDP: send/recv without addresses
a.connect(addr_b)
print(a.getpeername() == addr_b)
a.send(b"connected")
buf = bytearray(32)
n, sender = b.recvfrom_into(buf)
print(n, bytes(buf[:n]), sender == addr_a)
view = memoryview(bytearray(8))
a.send(b"into-view")
print(b.recv_into(view, 4), bytes(view))

# nothing to read: the timeout is TimeoutError (socket.timeout is the same class)
b.settimeout(0.05)
try:
    b.recvfrom(10)
except socket.timeout as exc:
    print(type(exc).__name__, exc, socket.timeout is TimeoutError)
b.setblocking(False)
try:
    b.recv(10)
except BlockingIOError as exc:
    print(type(exc).__name__, exc.errno == 11)
print(b.gettimeout(), b.getblocking())
a.close()
b.close()
print(a.fileno(), b.fileno())
try:
    a.sendto(b"x", addr_b)
except OSError as exc:
    print(type(exc).__name__, exc)
