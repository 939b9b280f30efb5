# CPython's test_threading test_can_interrupt_tight_loops: a thread spins in a tight loop
# over a list item (object code at jit/auto, which holds the GIL) until the main thread,
# itself spinning on another list item, clears it. Object code lets the GIL go now and
# then at its loop back-edges as CPython's eval loop does, so the main thread gets to
# clear the flag long before the 100 million iterations are done, at every tier.
import threading

cont = [True]
started = [False]
interrupted = [False]


def worker(started, cont, interrupted):
    iterations = 100_000_000
    started[0] = True
    while cont[0]:
        if iterations:
            iterations -= 1
        else:
            return
        pass
    interrupted[0] = True


t = threading.Thread(target=worker, args=(started, cont, interrupted))
t.start()
while not started[0]:
    pass
cont[0] = False
t.join()
print("interrupted", interrupted[0])
