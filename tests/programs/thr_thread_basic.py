# threading.Thread: target/args/kwargs/name/daemon, subclassing run, start/join/is_alive,
# ident/native_id, repr, current_thread/main_thread/active_count/enumerate.
import re
import threading


def clean(text):
    """Thread reprs carry identities; keep only their shape."""
    return re.sub(r" \d+\)>", " <ident>)>", text)


results = {}


def work(key, a, b=0, *, scale=1):
    results[key] = (a + b) * scale
    results[key + "_name"] = threading.current_thread().name
    results[key + "_daemon"] = threading.current_thread().daemon


t1 = threading.Thread(target=work, args=("t1", 2), kwargs={"b": 3, "scale": 10})
t2 = threading.Thread(target=work, name="worker-two", args=("t2", 1), daemon=True)
print(clean(repr(t1)), clean(repr(t2)))
print(t1.name, t2.name, t1.daemon, t2.daemon)
print(t1.ident, t1.native_id, t1.is_alive())
t1.start()
t2.start()
t1.join()
t2.join()
print(sorted(results.items()))
print(t1.is_alive(), t2.is_alive(), clean(repr(t1)), clean(repr(t2)))
print(type(t1.ident) is int, type(t1.native_id) is int, type(t2.ident) is int)
print(t1.ident != threading.get_ident(), t1.native_id != threading.get_native_id())


class Squarer(threading.Thread):
    def __init__(self, values):
        super().__init__(name="squarer")
        self.values = values
        self.out = None

    def run(self):
        self.out = [v * v for v in self.values]


s = Squarer([1, 2, 3])
s.start()
s.join()
print(s.out, s.name)

unnamed = threading.Thread()
print(re.sub(r"Thread-\d+", "Thread-N", unnamed.name))
named_target = threading.Thread(target=work)
print(re.sub(r"Thread-\d+", "Thread-N", named_target.name))
t3 = threading.Thread(name=42)
print(repr(t3.name))
t3.name = "renamed"
print(t3.name)

# Errors
try:
    threading.Thread(target=work).join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t1.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t1.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread(group=1)
except AssertionError as e:
    print("AssertionError:", e)


class NoInit(threading.Thread):
    def __init__(self):
        pass


try:
    NoInit().start()
except RuntimeError as e:
    print("RuntimeError:", e)

# Main thread and registry
main = threading.main_thread()
print(main.name, main.daemon, main is threading.current_thread(), main.is_alive())
print(main.ident == threading.get_ident(), main.native_id == threading.get_native_id())
print(clean(repr(main)))
print(threading.active_count(), [t.name for t in threading.enumerate()])

# join(timeout) on a thread that is still blocked
gate = threading.Event()
waiter = threading.Thread(target=gate.wait, name="gated")
waiter.start()
waiter.join(0.05)
print(waiter.is_alive(), threading.active_count(), sorted(t.name for t in threading.enumerate()))
gate.set()
waiter.join()
print(waiter.is_alive(), threading.active_count())

# A daemon flag is inherited from the creating thread.
inherit = {}


def make_child():
    inherit["child"] = threading.Thread(target=lambda: None).daemon


parent = threading.Thread(target=make_child, daemon=True)
parent.start()
parent.join()
print(inherit)
print(threading.get_ident() == main.ident, threading.TIMEOUT_MAX)


# settrace/setprofile: protojit accepts and remembers them (documented no-ops);
# tracers that do nothing visible behave the same either way.
def quiet_tracer(frame, event, arg):
    return None


print(threading.gettrace(), threading.getprofile())
threading.settrace(quiet_tracer)
threading.setprofile(quiet_tracer)
print(threading.gettrace() is quiet_tracer, threading.getprofile() is quiet_tracer)
traced = threading.Thread(target=work, args=("traced", 1))
traced.start()
traced.join()
threading.settrace(None)
threading.setprofile(None)
print(results["traced"], threading.gettrace(), threading.getprofile())
print(sorted(name for name in threading.__all__))
