"""Evidence, without reading a clock, that a thread really waits in a call.

In: a threading.Thread (its native_id) and the address of a runtime lock (pj_lock or
pj_rlock, whose mutex and condition variable sit inside the allocation). Out: whether the
thread was seen in the kernel in futex() on a word of that lock, i.e. inside the lock's
wait, not merely asleep (a thread waiting for the GIL is asleep too, in futex() on another
address). For calls with no lock to name (a socket read), `seen_asleep`: the thread asleep
in the kernel on several polls in a row while it has not returned.
"""
import os
import threading
import time

_FUTEX = {"x86_64": 202, "aarch64": 98}.get(os.uname().machine)
# sizeof(struct pj_lock) / sizeof(struct pj_rlock) on 64-bit glibc is 96: a futex word of the
# lock lies below address + 128; the next heap chunk starts beyond the allocation's header.
_LOCK_SPAN = 128
# Polls in a row that must see the thread in the lock's wait: a wait that returns at once can
# still be caught inside its one futex() call (its deadline already past), but not 3 times
# over with a sleep between.
SIGHTINGS = 3


def waits_on(thread, address):
    """True if `thread` (a Thread, or a task id) sits in futex() on a word of the lock at
    `address` right now."""
    tid = thread if isinstance(thread, int) else thread.native_id
    try:
        with open(f"/proc/self/task/{tid}/syscall") as f:
            fields = f.read().split()
    except OSError:      # the thread has ended
        return False
    return (len(fields) > 1 and fields[0] == str(_FUTEX)
            and address <= int(fields[1], 16) < address + _LOCK_SPAN)


def timed_wait_blocks(wait, address, timeouts=(0.2, 1.0, 5.0)):
    """Run wait(timeout) in a new thread until this thread sees it blocked on the lock at
    `address` (SIGHTINGS polls in a row); return (what wait returned, whether it was seen
    blocked).

    A longer timeout is tried only when the wait ended before this thread looked (a loaded
    machine): a wait that never blocks is never seen, whatever the timeout.
    """
    for timeout in timeouts:
        result = []
        t = threading.Thread(target=lambda: result.append(wait(timeout)))
        t.start()
        seen = 0
        while t.is_alive() and seen < SIGHTINGS:    # the wait's own timeout ends this loop
            seen = seen + 1 if waits_on(t, address) else 0
            time.sleep(0.002)
        t.join(60)
        assert not t.is_alive(), "the timed wait never returned"
        if seen == SIGHTINGS:
            break
    return result[0], seen == SIGHTINGS


def any_task_waits_on(address):
    """True if some thread of this process sits in futex() on the lock at `address`."""
    return any(waits_on(int(tid), address) for tid in os.listdir("/proc/self/task"))


def seen_asleep(thread, waiting, polls=SIGHTINGS):
    """Poll until `thread` is seen asleep in the kernel (/proc/self/task/TID/stat state S)
    on `polls` polls in a row while waiting() holds; False if waiting() stops first. The
    polls are 2 ms apart and this thread drops the GIL between them, so a thread that only
    waits for the GIL is not asleep on all of them."""
    seen = 0
    while seen < polls and waiting():
        try:
            with open(f"/proc/self/task/{thread.native_id}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        seen = seen + 1 if state == "S" and waiting() else 0
        time.sleep(0.002)
    return seen == polls
