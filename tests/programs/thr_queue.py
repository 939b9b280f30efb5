# The host queue module and concurrent.futures with guest threads.
import concurrent.futures
import queue
import threading

q = queue.Queue()
out = queue.Queue()


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.put(item * item)
        q.task_done()


workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for i in range(20):
    q.put(i)
q.join()
for _ in workers:
    q.put(None)
for w in workers:
    w.join()
squares = sorted(out.get_nowait() for _ in range(out.qsize()))
print(squares == [i * i for i in range(20)], out.empty())

# A bounded queue makes a fast producer wait for the consumer.
bounded = queue.Queue(maxsize=2)
got = []


def slow_consumer():
    for _ in range(6):
        got.append(bounded.get(timeout=5))


c = threading.Thread(target=slow_consumer)
c.start()
for i in range(6):
    bounded.put(i, timeout=5)
c.join()
print(got)
try:
    queue.Queue().get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout")

lifo = queue.LifoQueue()
prio = queue.PriorityQueue()
for v in (3, 1, 2):
    lifo.put(v)
    prio.put(v)
print([lifo.get() for _ in range(3)], [prio.get() for _ in range(3)])


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(fib, range(15))))
    futures = [pool.submit(fib, n) for n in (10, 12)]
    print([f.result(timeout=10) for f in futures])
    failing = pool.submit(lambda: 1 / 0)
    try:
        failing.result(timeout=10)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
print(threading.active_count())
