"""_thread.interrupt_main() (issue 19, CPython's test_threading InterruptMainTests): in the
main thread the signal's handler runs as the call returns -- KeyboardInterrupt from the
call itself, inside the `with` around it, compiled or not; a handler of the program's
raises its own exception there -- and a KeyboardInterrupt that interrupts a join just as
the thread ends leaves the thread joinable (a second join hung for ever at --tier jit: the
end lock stayed acquired)."""
import _thread, signal, threading

class Raises:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit sees", t.__name__ if t else None)
        return t is KeyboardInterrupt

def interrupt_here():
    with Raises():
        _thread.interrupt_main()
        print("not reached")
    print("after the with")

for i in range(3):
    interrupt_here()

def handler(signum, frame):
    raise ZeroDivisionError("handler")

old = signal.signal(signal.SIGINT, handler)
try:
    _thread.interrupt_main()
    print("not reached either")
except ZeroDivisionError as e:
    print("caught", e)
signal.signal(signal.SIGINT, old)

def call_interrupt():
    _thread.interrupt_main()
t = threading.Thread(target=call_interrupt)
try:
    t.start()
    t.join()
    print("joined")
except KeyboardInterrupt:
    print("interrupted")
t.join()      # (the end lock the interrupted join had acquired is free again)
print("joined again", t.is_alive())
print("end")
