"""Signals during blocking socket calls and waits: handlers run, a raising handler
interrupts the call, a quiet one lets it go on, and timeouts keep their deadline (PEP 475)."""
import signal
import socket
import subprocess
import threading
import time
from blocked_support import seen_waiting


class Alarm(Exception):
    pass


def raising_handler(signum, frame):
    raise Alarm(f"signal {signum == signal.SIGALRM}")


hits = []


def quiet_handler(signum, frame):
    hits.append(signum == signal.SIGALRM)


def alarm_after(seconds, handler):
    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)


a, b = socket.socketpair()

alarm_after(0.1, raising_handler)
try:
    b.recv(10)
except Alarm as exc:
    print("recv interrupted:", exc)


def wait_for_hits(n):
    """Poll (to a deadline) until the quiet handler has run n times in all."""
    deadline = time.monotonic() + 20
    while len(hits) < n:
        if time.monotonic() > deadline:
            raise AssertionError(f"the quiet handler ran {len(hits)} times, not {n}")
        time.sleep(0.01)


def send_after_signal(sock, data):
    # send only once the handler ran, so the signal always comes first
    wait_for_hits(1)
    sock.send(data)


t = threading.Thread(target=send_after_signal, args=(a, b"data"))
t.start()
alarm_after(0.1, quiet_handler)
print("recv after a quiet signal:", b.recv(10), hits)
t.join()

# the timeout is one deadline across interruptions: a quiet handler runs during the wait, then
# recv goes back to waiting (seen asleep in the kernel again) and times out


def signal_while_blocked(main_id, done, seen, signalled):
    if seen_waiting(main_id, lambda: not done):
        seen.append("blocked")
        signal.pthread_kill(threading.main_thread().ident, signal.SIGALRM)
        while not signalled and not done:
            time.sleep(0.002)
        if signalled and seen_waiting(main_id, lambda: not done):
            seen.append("blocked again")


signalled = []
signal.signal(signal.SIGALRM, lambda signum, frame: signalled.append(signum == signal.SIGALRM))
for timeout in (0.5, 2.0, 8.0):   # longer only when the wait ended before the watcher saw it all
    done, seen = [], []
    signalled.clear()
    watcher = threading.Thread(target=signal_while_blocked,
                               args=(threading.get_native_id(), done, seen, signalled))
    watcher.start()
    b.settimeout(timeout)
    try:
        outcome = b.recv(10)
    except TimeoutError as exc:
        outcome = exc
    done.append(True)
    watcher.join()
    if len(seen) == 2:
        break
print("timed out:", repr(outcome), seen, signalled)
b.settimeout(None)

srv = socket.create_server(("127.0.0.1", 0))
alarm_after(0.1, raising_handler)
try:
    srv.accept()
except Alarm as exc:
    print("accept interrupted:", exc)
srv.close()

# a big sendall that a quiet signal interrupts still sends everything
big = bytes(range(256)) * 8192
received = []


def read_all():
    # read only once the signal interrupted the blocked sendall (2 MB fills the buffers)
    wait_for_hits(2)
    while True:
        chunk = b.recv(65536)
        if not chunk:
            break
        received.append(chunk)


t = threading.Thread(target=read_all)
t.start()
alarm_after(0.1, quiet_handler)
a.sendall(big)
a.shutdown(socket.SHUT_WR)
t.join()
print("sendall complete:", b"".join(received) == big, hits)
a.close()
b.close()

# subprocess: wait() and run() interrupted by a raising handler; the child is reaped
p = subprocess.Popen(["sleep", "5"])
alarm_after(0.1, raising_handler)
try:
    p.wait()
except Alarm as exc:
    print("wait interrupted:", exc, p.returncode)
p.kill()
print("reaped:", p.wait())
alarm_after(0.1, raising_handler)
try:
    subprocess.run(["sleep", "5"])
except Alarm as exc:
    print("run interrupted:", exc)
# the child ends only once the handler ran: it waits for a byte the parent writes then
import os
r, w = os.pipe()


def release_child():
    wait_for_hits(3)
    os.write(w, b"x")


t = threading.Thread(target=release_child)
t.start()
alarm_after(0.1, quiet_handler)
print("run after a quiet signal:", subprocess.run(["head", "-c", "1"], stdin=r,
                                                  stdout=subprocess.DEVNULL).returncode, hits)
t.join()
os.close(r)
os.close(w)
signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
