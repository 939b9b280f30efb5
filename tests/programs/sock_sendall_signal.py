"""A signal whose handler raises interrupts a sendall() blocked on a full socket buffer
(blocking and with a timeout): the handler runs and its exception propagates, as in CPython
(protojit hung: the interrupted send() had moved some bytes, so no EINTR came back)."""
import signal, socket
def handler(signum, frame):
    1 / 0
old = signal.signal(signal.SIGALRM, handler)
a, b = socket.socketpair()
for timeout in (None, 5.0):
    a.settimeout(timeout)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    try:
        a.sendall(b"x" * (10 * 1024 * 1024))
    except ZeroDivisionError:
        print("handler raised", timeout)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
a.close(); b.close()
signal.signal(signal.SIGALRM, old)
