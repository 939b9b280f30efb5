"""Eight threads fork at once, each child exits at once and each parent thread waits for
its child (CPython's test_reinit_tls_after_fork): no child hangs -- a fork() child freed
the locks threading's _after_fork replaces, and glibc's pthread_cond_destroy waited for
the parent's threads (runtime_c/lock.c) -- and the threads' first os.fork() calls do not
see lib/_pjspawn.py half-imported; a thread ending as the process forks is not alive in
the child."""
import os
import threading


def fork_and_wait():
    pid = os.fork()
    if pid > 0:
        _, status = os.waitpid(pid, 0)
        results.append(os.waitstatus_to_exitcode(status))
    else:
        os._exit(50)


results = []
threads = [threading.Thread(target=fork_and_wait) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), threading.active_count())

# A thread that is ending as the process forks is not alive in the child (CPython's
# test_is_alive_after_fork): it may have left threading's table but not yet said it ended.
codes = []
for i in range(20):
    t = threading.Thread(target=lambda: None)
    t.start()
    pid = os.fork()
    if pid == 0:
        os._exit(11 if t.is_alive() else 10)
    t.join()
    codes.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(sorted(set(codes)))
