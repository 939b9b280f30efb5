# 8 threads x 10,000 lock-protected increments of a shared counter: the exact total,
# with a Lock, an RLock and a Condition; and no thread left behind.
import threading

N_THREADS, PER_THREAD = 8, 10_000


def hammer(lock):
    counter = [0]

    def inc():
        for _ in range(PER_THREAD):
            with lock:
                counter[0] += 1

    threads = [threading.Thread(target=inc) for _ in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter[0]


print("lock:", hammer(threading.Lock()))
print("rlock:", hammer(threading.RLock()))

# Acquire/release without the with statement, and a read-modify-write split
# across statements (a lost update would show up without the lock).
lock = threading.Lock()
box = {"n": 0}


def split_update():
    for _ in range(PER_THREAD // 2):
        lock.acquire()
        value = box["n"]
        value += 1
        box["n"] = value
        lock.release()


threads = [threading.Thread(target=split_update) for _ in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("split:", box["n"])

# Per-thread results by index.
partial = [0] * N_THREADS


def partial_sum(i):
    partial[i] = sum(range(i * 1000, (i + 1) * 1000))


threads = [threading.Thread(target=partial_sum, args=(i,)) for i in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("sum:", sum(partial) == sum(range(N_THREADS * 1000)))
print("alive:", threading.active_count(), [t.name for t in threading.enumerate()])
