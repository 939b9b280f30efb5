"""os.fork() in guest code (issue 19): the child runs on from the fork with the forking
thread only (other threads not alive, threading.active_count() 1, the forking thread the
main one), the program's state copied (globals, a compiled function keeps working, new
functions compile); the parent waits for the child's status; os.register_at_fork hooks
run in order; a thread started before the fork goes on in the parent."""
import os
import sys
import threading

events = []
os.register_at_fork(before=lambda: events.append("before"),
                    after_in_parent=lambda: events.append("parent"),
                    after_in_child=lambda: events.append("child"))


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def waiter(ready, go):
    ready.set()
    go.wait()


ready, go = threading.Event(), threading.Event()
worker = threading.Thread(target=waiter, args=(ready, go))
worker.start()
ready.wait()
print(fib(15), threading.active_count())
sys.stdout.flush()

counter = {"n": 41}
pid = os.fork()
if pid == 0:
    counter["n"] += 1

    def square(x):
        return x * x
    total = sum(square(i) for i in range(200))
    print("child", events, worker.is_alive(), threading.active_count(),
          threading.current_thread() is threading.main_thread(), fib(12), counter["n"], total)
    sys.stdout.flush()
    os._exit(7)
_, status = os.waitpid(pid, 0)
print("parent", events, os.waitstatus_to_exitcode(status), worker.is_alive(), counter["n"])
go.set()
worker.join()
print("joined", worker.is_alive())
