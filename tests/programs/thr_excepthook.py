# Exceptions escaping threads: threading.excepthook (custom, default, None), SystemExit,
# ExceptHookArgs, and sys.unraisablehook for raw _thread threads.
import sys
import threading
import _thread

caught = []


def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                   args.exc_traceback is not None))


def fails(message):
    raise ValueError(message)


print(threading.excepthook is threading.__excepthook__)
threading.excepthook = hook
t = threading.Thread(target=fails, args=("first",), name="failing")
t.start()
t.join()
print(caught, t.is_alive())


class Bad(threading.Thread):
    def run(self):
        raise KeyError("from run")


b = Bad(name="bad-run")
b.start()
b.join()
print(caught[-1])

# SystemExit ends a thread quietly; the hook still sees it (and the default hook ignores it).
t = threading.Thread(target=sys.exit, args=(3,), name="exiting")
t.start()
t.join()
print(caught[-1][:1], len(caught))


# A hook that fails is reported on stderr; the program goes on.
def broken_hook(args):
    raise RuntimeError("hook failed")


threading.excepthook = broken_hook
t = threading.Thread(target=fails, args=("second",))
t.start()
t.join()
print("after broken hook")

# The default hook prints on stderr (not compared) and returns None.
threading.excepthook = threading.__excepthook__
saved_stderr = sys.stderr


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        pass


cap = Capture()
sys.stderr = cap
try:
    t = threading.Thread(target=fails, args=("third",), name="printed")
    t.start()
    t.join()
    t = threading.Thread(target=sys.exit, name="quiet")
    t.start()
    t.join()
finally:
    sys.stderr = saved_stderr
text = "".join(cap.parts)
print(text.splitlines()[0], "|", text.splitlines()[-1], "|", "Traceback" in text, "quiet" in text)

args = threading.ExceptHookArgs([ValueError, ValueError("v"), None, None])
print(args.exc_type.__name__, args.exc_value, args.exc_traceback, args.thread, len(args), tuple(args)[0].__name__)
try:
    threading.ExceptHookArgs([1, 2])
except TypeError as e:
    print("TypeError:", e)

# Raw _thread threads report through sys.unraisablehook.
unraisable = []
done = threading.Event()


def unraisable_hook(u):
    unraisable.append((u.exc_type.__name__, str(u.exc_value), u.err_msg, u.object is raw_fail))
    done.set()


def raw_fail():
    raise OSError("raw thread")


sys.unraisablehook = unraisable_hook
try:
    _thread.start_new_thread(raw_fail, ())
    done.wait(5)
finally:
    sys.unraisablehook = sys.__unraisablehook__
print(unraisable)

# A thread that ends with _thread.exit() / SystemExit is not reported.
quiet = threading.Event()


def raw_exit():
    quiet.set()
    _thread.exit()


_thread.start_new_thread(raw_exit, ())
quiet.wait(5)
print("done", threading.active_count())
