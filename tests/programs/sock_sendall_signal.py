"""A signal whose handler raises interrupts a sendall() blocked on a full socket buffer
(blocking and with a timeout): the handler runs and its exception propagates, as in CPython
(protojit hung: the interrupted send() had moved some bytes, so no EINTR came back)."""
import signal, socket, threading
from blocked_support import seen_waiting


def handler(signum, frame):
    1 / 0


def signal_once_blocked(done, seen):
    # the signal comes only once sendall() is blocked on the full buffer
    if seen_waiting(threading.main_thread().native_id, lambda: not done):
        seen.append(True)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGALRM)


old = signal.signal(signal.SIGALRM, handler)
a, b = socket.socketpair()
for timeout in (None, 5.0):
    a.settimeout(timeout)
    done, seen = [], []
    watcher = threading.Thread(target=signal_once_blocked, args=(done, seen))
    watcher.start()
    try:
        a.sendall(b"x" * (10 * 1024 * 1024))
    except ZeroDivisionError:
        print("handler raised", timeout, seen)
    finally:
        done.append(True)
        watcher.join()
a.close(); b.close()
signal.signal(signal.SIGALRM, old)
