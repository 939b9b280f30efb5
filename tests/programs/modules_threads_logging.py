"""logging from several threads, a ThreadPoolExecutor and a queue between threads, as
guest code with the program's threading under all three: records carry the threads'
names, every message arrives once, the workers' results come back in order."""
import concurrent.futures, io, logging, queue, threading

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(threadName)s|%(levelname)s|%(message)s"))
log = logging.getLogger("modules.threads")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False


def work(n):
    for i in range(20):
        log.info("worker %d line %d", n, i)


threads = [threading.Thread(target=work, args=(n,), name=f"worker-{n}") for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
lines = stream.getvalue().splitlines()
print(len(lines), len(set(lines)))
print(sorted({line.split("|")[0] for line in lines}))
print(all(line.split("|")[2].startswith(f"worker {line.split('|')[0][-1]} ") for line in lines))

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(lambda x: x * x, range(10))))
    futures = {pool.submit(sum, range(n)): n for n in (10, 100, 1000)}
    print(sorted((futures[f], f.result()) for f in concurrent.futures.as_completed(futures)))
    failing = pool.submit(int, "not a number")
    print(type(failing.exception()).__name__, failing.exception())

jobs, results = queue.Queue(), queue.Queue()


def consumer():
    while (item := jobs.get()) is not None:
        results.put(item * 2)
        jobs.task_done()
    jobs.task_done()


workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for i in range(30):
    jobs.put(i)
jobs.join()
for _ in workers:
    jobs.put(None)
for w in workers:
    w.join()
collected = []
while not results.empty():
    collected.append(results.get_nowait())
print(sorted(collected) == [i * 2 for i in range(30)], threading.active_count())
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("Empty")
log.removeHandler(handler)
