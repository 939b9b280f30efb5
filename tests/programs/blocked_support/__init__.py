"""Seeing a thread blocked in a call, for the programs that signal or wake it only then
(sock_signals, sock_timeouts, sock_sendall_signal, thr_asyncio_executor,
thr_semaphore_event, thr_locks): no sleep-based synchronisation."""
import time


def seen_waiting(native_id, waiting):
    """True once the thread is seen asleep in the kernel (/proc/self/task/ID/stat state S) on
    3 polls in a row while waiting() holds: it is blocked in its call, not merely caught
    between two steps; False if waiting() stops first."""
    seen = 0
    while seen < 3 and waiting():
        with open(f"/proc/self/task/{native_id}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        seen = seen + 1 if state == "S" and waiting() else 0
        time.sleep(0.002)
    return seen == 3
