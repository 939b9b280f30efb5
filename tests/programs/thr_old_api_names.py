"""threading's camelCase names warn with CPython's messages; threading.__all__ names
only what threading and _thread define (Lock and stack_size are _thread's)."""
import threading
import warnings

t = threading.current_thread()
ev = threading.Event()
cond = threading.Condition()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    t.isDaemon()
    t.setName(t.getName())
    threading.currentThread()
    threading.activeCount()
    ev.isSet()
    with cond:
        cond.notifyAll()
    t.daemon
for w in caught:
    print(w.category.__name__, w.message)
print(threading.Lock.__module__, threading.stack_size.__module__)
public = [n for n in dir(threading) if not n.startswith("_")
          and getattr(getattr(threading, n), "__module__", None) in ("threading", "_thread")]
print(sorted(set(threading.__all__) ^ set(public)))
