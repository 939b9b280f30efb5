"""socket (issue 19, CPython's test_socket testSendtoErrors, TestLinuxAbstractNamespace
testMaxName): send/sendto/sendall of something not bytes-like raise CPython's
"a bytes-like object is required, not 'T'" (was prefixed "memoryview: "); a Linux
abstract AF_UNIX name (a leading NUL) may fill the whole sun_path (108 bytes; a file
path keeps room for its NUL), one byte more is "AF_UNIX path too long"."""
import os
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
for data in ("\u2620", 5j, None, [1, 2]):
    for call in (lambda: s.sendto(data, s.getsockname()), lambda: s.sendto(data, 0, s.getsockname()),
                 lambda: s.send(data), lambda: s.sendall(data)):
        try:
            call()
        except (TypeError, OSError) as e:
            print(type(e).__name__, e)
print(s.sendto(memoryview(b"abcd")[::2].tobytes(), s.getsockname()), s.recv(10))
s.close()

UNIX_PATH_MAX = 108
stem = b"\x00pj-abstract-%d-" % os.getpid()     # (distinct per process: runs go at once)
address = stem + b"h" * (UNIX_PATH_MAX - len(stem))
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
    s.bind(address)
    print(s.getsockname() == address, len(s.getsockname()))
for bad in (address + b"h", b"/tmp/" + b"x" * (UNIX_PATH_MAX - 5)):
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.bind(bad)
    except OSError as e:
        print(type(e).__name__, e)
