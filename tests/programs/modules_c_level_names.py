"""The C-level names of _thread and datetime: _thread._set_sentinel() gives a lock that is
released when the thread that set it ends (one per thread); datetime.datetime_CAPI is the
C API capsule (PyDateTime_IMPORT)."""
import _thread, datetime, time
ready = _thread.allocate_lock()
ready.acquire()
box = []
def body():
    lock = _thread._set_sentinel()
    lock.acquire()
    box.append(lock)
    ready.release()
_thread.start_new_thread(body, ())
ready.acquire()
lock = box[0]
print(lock.acquire(timeout=30), type(lock).__name__)   # released when the thread has ended
lock.release()
print(type(datetime.datetime_CAPI).__name__, repr(datetime.datetime_CAPI).startswith('<capsule object "datetime.datetime_CAPI"'))
