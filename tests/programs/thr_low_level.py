# The _thread module: start_new_thread, locks, identities, _count, stack_size,
# TIMEOUT_MAX, exit, error, interrupt_main, argument errors.
import _thread
import time

results = {}
done = _thread.allocate_lock()
done.acquire()
guard = _thread.allocate_lock()
remaining = [3]


hold = _thread.allocate_lock()
hold.acquire()


def work(i, scale=1, *, offset=0):
    with hold:      # every worker stays alive until all three have started
        pass
    with guard:
        results[i] = (i * scale + offset, _thread.get_ident() != main_ident)
        remaining[0] -= 1
        if remaining[0] == 0:
            done.release()


main_ident = _thread.get_ident()
idents = [_thread.start_new_thread(work, (0,)),
          _thread.start_new_thread(work, (1, 10)),
          _thread.start_new_thread(work, (2, 10), {"offset": 5})]
print(all(type(i) is int and i != main_ident for i in idents), len(set(idents)))
hold.release()
print(done.acquire(timeout=10), sorted(results.items()))

# _count() falls back to 0 once every started thread is over.
deadline = time.monotonic() + 10
while _thread._count() and time.monotonic() < deadline:
    time.sleep(0.01)
print("count:", _thread._count())

print(type(_thread.get_ident()) is int, type(_thread.get_native_id()) is int)
print(_thread.TIMEOUT_MAX, _thread.error is RuntimeError)
print(_thread.stack_size(), _thread.stack_size(1 << 20), _thread.stack_size(), _thread.stack_size(0))
for bad in (100, -1):
    try:
        _thread.stack_size(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    _thread.stack_size(1, 2)
except TypeError as e:
    print("TypeError:", e)

for args in [(1, ()), (print, []), (print, (), []), (print,), (print, (), {}, 1)]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print("TypeError:", e)

# exit() and exit_thread() raise SystemExit in the caller.
for fn in (_thread.exit, _thread.exit_thread):
    try:
        fn()
    except SystemExit as e:
        print("SystemExit", e.code)

# A thread ended by _thread.exit() releases what it should.
exited = _thread.allocate_lock()
exited.acquire()


def leave():
    exited.release()
    _thread.exit()
    print("never printed")


_thread.start_new_thread(leave, ())
print(exited.acquire(timeout=10))

# interrupt_main raises KeyboardInterrupt in the main thread (while SIGINT has a Python
# handler: a run started in the background inherits SIGINT ignored, and then it does nothing).
import signal
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    _thread.interrupt_main()
    for _ in range(1000):
        time.sleep(0.001)
    print("no interrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt in main")

rl = _thread.RLock()
print(rl.acquire(), rl._is_owned(), rl._recursion_count())
rl.release()
print(rl._is_owned(), rl._recursion_count())
loc = _thread._local()
loc.x = 1
print(loc.x, type(loc).__name__)
print(_thread.LockType.__name__, _thread.RLock.__name__)
