# How host code sees guest threads: logging's %(threadName)s, concurrent.futures workers
# running guest code (current_thread() is the host's worker), raw _thread threads, renames.
import concurrent.futures, threading, logging, sys, _thread, time
logging.basicConfig(stream=sys.stdout, format="%(threadName)s: %(message)s", level=logging.INFO)
def who(i):
    t = threading.current_thread()
    logging.info("task %d", i)
    return t.name.rsplit("_", 1)[0], t.daemon, t.is_alive(), t is threading.current_thread()
with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    print(list(pool.map(who, range(2))))
print(threading.active_count(), [t.name for t in threading.enumerate()])
done = threading.Event()
names = []
def raw():
    names.append(threading.current_thread().name)
    logging.info("raw")
    done.set()
_thread.start_new_thread(raw, ())
done.wait()
print(names, threading.main_thread().name)
threading.main_thread().name = "Principal"
logging.info("renamed main")
t = threading.Thread(target=lambda: (setattr(threading.current_thread(), "name", "renamed"), logging.info("x")))
t.start(); t.join()
