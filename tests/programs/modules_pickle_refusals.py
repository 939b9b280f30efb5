"""pickle and the objects of threading, _thread, socket and hashlib: what CPython refuses
is refused with CPython's error at each protocol (locks and the objects holding one,
sockets, hash objects), what it pickles round-trips to the program's classes (exceptions,
enum members, classes and functions by name)."""
import _thread, hashlib, pickle, socket, threading

refused = [threading.Lock(), threading.RLock(), threading.Condition(), threading.Semaphore(),
           threading.BoundedSemaphore(), threading.Event(), threading.Barrier(2), threading.local(),
           threading.Thread(), threading.Timer(1, print), threading._PyRLock(), _thread.allocate_lock(),
           hashlib.sha256(), hashlib.md5(b"x"), hashlib.sha3_256(), hashlib.blake2b(),
           hashlib.shake_128(), socket.socket()]
for obj in refused:
    for proto in (0, 1, 2, pickle.HIGHEST_PROTOCOL):
        if proto < 2 and isinstance(obj, type(hashlib.md5())):
            continue    # (CPython 3.11's copyreg path pickles an empty HASH, unloadable)
        try:
            pickle.dumps(obj, proto)
            print("pickled", type(obj).__name__, proto)
        except Exception as exc:
            print(type(obj).__name__, proto, type(exc).__name__, exc)
refused[-1].close()

kept = [threading.BrokenBarrierError("b"), threading.ThreadError("t"),
        socket.gaierror(-2, "x"), socket.herror(1, "h"), socket.AF_INET, socket.SOCK_STREAM,
        socket.MSG_PEEK, socket.AI_PASSIVE, socket.AddressFamily, socket.socket, threading.Thread,
        threading.Event, threading.Barrier, threading.excepthook, threading.current_thread,
        threading.get_ident, _thread.allocate_lock, socket.getaddrinfo, socket.create_connection,
        hashlib.file_digest]
for obj in kept:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        assert back is obj or (type(back) is type(obj) and back.args == obj.args), (obj, proto)
    print(getattr(obj, "__qualname__", type(obj).__name__), "round-trips")
