# Interpreter exit waits for non-daemon threads (their output comes after the main
# program's), but not for daemon threads; an uncaught exception in the main thread
# still waits, then exits with status 1.
import sys
import threading
import time

release = threading.Event()
daemon_gate = threading.Event()


def late_worker(i):
    release.wait()
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


def release_once_main_waits():
    # the main thread is at exit, waiting for the non-daemon threads: seen asleep in the
    # kernel (/proc/self/task/ID/stat state S) on 3 polls in a row
    main = threading.main_thread().native_id
    seen = 0
    while seen < 3:
        with open(f"/proc/self/task/{main}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        seen = seen + 1 if state == "S" else 0
        time.sleep(0.002)
    release.set()


threading.Thread(target=release_once_main_waits).start()
raise SystemExit(3)
