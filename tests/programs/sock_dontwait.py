# MSG_DONTWAIT and SO_RCVTIMEO on a blocking socket: the call fails with EAGAIN
# (BlockingIOError) as in CPython, where it used to wait for the socket for ever
# (test_socket testSendmsgDontWait); a socket with a timeout still waits, then times out.
import errno
import socket
import struct

a, b = socket.socketpair()
n = 0
try:
    while True:
        a.sendmsg([b"a" * 512], [], socket.MSG_DONTWAIT)
        n += 1
except OSError as e:
    print("sendmsg:", type(e).__name__, e.errno in (errno.EAGAIN, errno.EWOULDBLOCK), n > 0)
for name, call in [("send", lambda: a.send(b"x" * 512, socket.MSG_DONTWAIT)),
                   ("sendall", lambda: a.sendall(b"x" * 512, socket.MSG_DONTWAIT))]:
    try:
        call()
    except OSError as e:
        print(name + ":", type(e).__name__, getattr(e, "errno", None) == errno.EAGAIN)
got = len(b.recv(1 << 20))
print("received some:", got > 0)

c, d = socket.socketpair()
for name, call in [("recv", lambda: c.recv(10, socket.MSG_DONTWAIT)),
                   ("recv_into", lambda: c.recv_into(bytearray(10), 10, socket.MSG_DONTWAIT)),
                   ("recvfrom", lambda: c.recvfrom(10, socket.MSG_DONTWAIT)),
                   ("recvmsg", lambda: c.recvmsg(10, 0, socket.MSG_DONTWAIT))]:
    try:
        call()
    except OSError as e:
        print(name + ":", type(e).__name__, e.errno == errno.EAGAIN)

c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 0, 50000))
try:
    c.recv(10)
except OSError as e:
    print("SO_RCVTIMEO recv:", type(e).__name__, e.errno == errno.EAGAIN)

c.settimeout(0.05)
try:
    c.recv(10, socket.MSG_DONTWAIT)
except OSError as e:
    print("timeout + MSG_DONTWAIT:", type(e).__name__, e)
d.send(b"hi")
c.settimeout(None)
c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 0, 0))
print(c.recv(10, socket.MSG_DONTWAIT))
for s in (a, b, c, d):
    s.close()
