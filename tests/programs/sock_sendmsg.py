"""sendmsg/recvmsg/recvmsg_into, ancillary data and descriptor passing (send_fds/recv_fds)."""
import array
import os
import socket

a, b = socket.socketpair()
print(a.sendmsg([b"ab", memoryview(b"cd"), bytearray(b"ef")]))
print(b.recvmsg(10))
print(socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.CMSG_LEN(0), socket.CMSG_SPACE(0))

# pass two pipe descriptors to the peer and use the copies it receives
r, w = os.pipe()
print(socket.send_fds(a, [b"fds"], [r, w]))
msg, fds, flags, addr = socket.recv_fds(b, 10, 4)
print(msg, len(fds), flags, addr, sorted(fds) != sorted([r, w]))
os.write(fds[1], b"through the copy")
print(os.read(r, 100))
for fd in fds + [r, w]:
    os.close(fd)

# raw ancillary records: level, type and data come back as sent
fd_array = array.array("i", [0, 1])
a.sendmsg([b"x"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fd_array)])
data, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(2 * fd_array.itemsize))
level, kind, payload = anc[0]
print(data, len(anc), level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(payload), flags)
got = array.array("i")
got.frombytes(payload)
for fd in got:
    os.close(fd)

# too little room: data and control are truncated, flags say so
a.sendmsg([b"hello"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0]))])
print(b.recvmsg(2, 0))
a.sendmsg([b"xy"])
first, second = bytearray(1), bytearray(5)
print(b.recvmsg_into([first, second]), first, second)

for bad in [lambda: a.sendmsg(5), lambda: a.sendmsg([5]), lambda: a.sendmsg([b"x"], [(1,)]),
            lambda: a.sendmsg([b"x"], 5), lambda: b.recvmsg(-1), lambda: b.recvmsg(1, -1),
            lambda: b.recvmsg_into([b"x"]), lambda: b.recvmsg_into(7)]:
    try:
        print(bad())
    except Exception as exc:
        print(type(exc).__name__, exc)

# datagrams with addresses
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(v.sendmsg([b"dgr", b"am"], [], 0, u.getsockname()))
data, anc, flags, addr = u.recvmsg(100)
print(data, anc, flags, addr[0])
v.sendmsg([b"truncated datagram"], [], 0, u.getsockname())
data, anc, flags, addr = u.recvmsg(4)
print(data, flags & socket.MSG_TRUNC == socket.MSG_TRUNC)
for s in (a, b, u, v):
    s.close()
