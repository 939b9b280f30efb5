"""socket.shutdown(how) takes a C int: CPython's OverflowError/TypeError for what does not fit
(it was wrapped to 32 bits and reached the kernel), then works as usual."""
import socket

a, b = socket.socketpair()
for how in (2 ** 31, 2 + 2 ** 32, -2 ** 31 - 1, 1.5, "x"):
    try:
        a.shutdown(how)
    except (OverflowError, TypeError) as exc:
        print(type(exc).__name__, exc)
a.sendall(b"data")
a.shutdown(socket.SHUT_WR)
print(b.recv(10), b.recv(10))
a.close()
b.close()
