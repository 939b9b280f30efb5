# Interpreter exit waits for non-daemon threads (their output comes after the main
# program's), but not for daemon threads; an uncaught exception in the main thread
# still waits, then exits with status 1.
import sys
import threading

release = threading.Event()
daemon_gate = threading.Event()


def late_worker(i):
    release.wait(10)
    if i:
        workers[i - 1].join()       # print in order
    print("non-daemon worker", i, "finished")


def stuck_daemon():
    daemon_gate.wait()      # never set: the process must not wait for this thread
    print("daemon thread must not print")


workers = [threading.Thread(target=late_worker, args=(i,)) for i in range(2)]
for w in workers:
    w.start()
threading.Thread(target=stuck_daemon, daemon=True).start()


def chained():
    for w in workers:
        w.join()
    print("chained waiter saw both workers")


threading.Thread(target=chained).start()
print("main program done", threading.active_count())
sys.stdout.flush()
threading.Timer(0.1, release.set).start()
raise SystemExit(3)
