# A C-level cycle with no guest frame in it (CPython issue #11603: __repr__ rebound to
# object.__str__) raises RecursionError with the C message, in the main thread and in a
# thread, and does not crash; a child process still gets the stack limit of its parent.
import os
import subprocess
import threading


class Foo:
    pass


Foo.__repr__ = Foo.__str__


def cycle(where):
    for f in (str, repr):
        try:
            f(Foo())
        except RecursionError as e:
            print(where, f.__name__, "RecursionError:", e)


cycle("main")
t = threading.Thread(target=cycle, args=("thread",))
t.start()
t.join()
print(subprocess.run(["sh", "-c", "ulimit -s"], capture_output=True, text=True).stdout.strip())
os.system("ulimit -s")
