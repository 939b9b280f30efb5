"""socket's argument errors as CPython's (issue 19: test_socket's test_socket_close and
testSendtoErrors): socket.close(fd) takes an int (TypeError for None, str, float;
OverflowError past a C long -- a huge int no longer wrapped to a small descriptor and
closed), sendto(data[, flags], address) counts its arguments as CPython does and wants an
int flags."""
import socket

for arg in (None, "x", -1, 2**70, 3.5):
    try:
        socket.close(arg)
        print("closed", arg)
    except Exception as e:
        print(type(e).__name__, e)

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for args in [(b"x",), (b"x", 0, 0, 0), (b"x", None), (b"x", "x", ("127.0.0.1", 1)),
             (b"x", 2**40, ("127.0.0.1", 1))]:
    try:
        s.sendto(*args)
        print("sent")
    except Exception as e:
        print(type(e).__name__, e)
s.close()
