# threading.Barrier: indices, action, reuse, abort, reset, timeout, BrokenBarrierError.
import re
import threading


def clean(obj):
    return re.sub(r"0x[0-9a-f]+", "0x?", repr(obj))


actions = []
barrier = threading.Barrier(3, action=lambda: actions.append("action"))
print(clean(barrier), barrier.parties, barrier.n_waiting, barrier.broken)
indices = [[None] * 3 for _ in range(2)]


def party(i):
    for rnd in range(2):
        indices[rnd][i] = barrier.wait()


threads = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([sorted(r) for r in indices], actions, clean(barrier))

# A timed-out wait breaks the barrier for everyone.
b2 = threading.Barrier(2)
try:
    b2.wait(timeout=0.05)
except threading.BrokenBarrierError as e:
    print("BrokenBarrierError", repr(e), b2.broken, clean(b2))
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("still broken")
b2.reset()
print("after reset:", b2.broken, b2.n_waiting)

# abort() wakes the waiters with BrokenBarrierError.
b3 = threading.Barrier(3)
outcome = [None, None]


def aborted(i):
    try:
        b3.wait()
        outcome[i] = "passed"
    except threading.BrokenBarrierError:
        outcome[i] = "broken"


threads = [threading.Thread(target=aborted, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
while b3.n_waiting < 2:
    threading.Event().wait(0.005)
b3.abort()
for t in threads:
    t.join()
print(outcome, b3.broken)

# reset() while threads wait: they get BrokenBarrierError, the barrier is usable again.
b4 = threading.Barrier(2)
result = []
t = threading.Thread(target=aborted, args=(0,))
b3 = b4
outcome = [None, None]
t.start()
while b4.n_waiting < 1:
    threading.Event().wait(0.005)
b4.reset()
t.join()
print(outcome[0], b4.broken, b4.n_waiting)
pair = [None, None]


def both(i):
    pair[i] = b4.wait(5)


threads = [threading.Thread(target=both, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(pair))

# An action that raises breaks the barrier; the thread that ran it gets the error.
def bad_action():
    raise ValueError("bad action")


b5 = threading.Barrier(2, action=bad_action)
errors = [None, None]


def party5(i):
    try:
        b5.wait(5)
        errors[i] = "passed"
    except threading.BrokenBarrierError:
        errors[i] = "BrokenBarrierError"
    except ValueError as e:
        errors[i] = f"ValueError: {e}"


threads = [threading.Thread(target=party5, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(errors), b5.broken)
print(issubclass(threading.BrokenBarrierError, RuntimeError))
single = threading.Barrier(1)
print(single.wait(), single.wait())
