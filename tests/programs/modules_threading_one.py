"""One `threading` (and `_thread`) in the process: the host libraries that use threads --
logging, queue, concurrent.futures -- use the program's module, so their locks,
conditions and worker threads are the program's classes; importlib finds the same
module; exceptions pickle to the same classes; dir() lists CPython's names; the private
names CPython's tools read are there."""
import _thread, concurrent.futures, concurrent.futures.thread, importlib, io, logging
import pickle, queue, threading

print(logging.threading is threading, queue.threading is threading,
      concurrent.futures.thread.threading is threading, concurrent.futures._base.threading is threading)
print(importlib.import_module("threading") is threading, importlib.import_module("_thread") is _thread)
q = queue.Queue()
print(type(q.not_empty) is threading.Condition, type(q.mutex) is type(threading.Lock()))
print(type(logging.getLogger("x").handlers), type(logging._lock) is type(threading.RLock()))

# a barrier broken in one thread: the waiters see the program's BrokenBarrierError, which a
# host library's future hands back as the same class
barrier = threading.Barrier(3)


def wait_on_barrier(i):
    if i == 0:
        barrier.abort()
        return "aborted"
    barrier.wait()


with concurrent.futures.ThreadPoolExecutor(max_workers=3, thread_name_prefix="pool") as pool:
    futures = [pool.submit(wait_on_barrier, i) for i in range(3)]
    outcomes = []
    for f in futures:
        exc = f.exception()
        outcomes.append(type(exc) is threading.BrokenBarrierError if exc else f.result())
    print(sorted(map(str, outcomes)))
    names = list(pool.map(lambda _: threading.current_thread().name.startswith("pool_"), range(4)))
    kinds = set(pool.map(lambda _: type(threading.current_thread()).__name__, range(4)))
    print(all(names), kinds)

for obj in (threading.BrokenBarrierError("broken"), threading.ThreadError("t")):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        assert type(back) is type(obj) and back.args == obj.args, (obj, proto)
    print(repr(obj), "round-trips")
print(pickle.loads(pickle.dumps(threading.BrokenBarrierError)) is threading.BrokenBarrierError)

for name in ("_PyRLock", "_CRLock", "_shutdown", "_dangling", "_register_atexit", "_active",
             "_limbo", "_shutdown_locks", "_maintain_shutdown_locks", "_enumerate", "_count"):
    print(name, hasattr(threading, name))
print(callable(_thread._count), isinstance(_thread._count(), int), hasattr(_thread, "_local"))
print(sorted(n for n in dir(threading) if n != "_set_sentinel"))
print(sorted(n for n in dir(_thread) if n != "_set_sentinel"))
