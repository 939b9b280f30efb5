"""Deep recursion never crashes the process (issue 18): limits 100 to 10000, in the main thread
and in threads with 256 KiB and 1 MiB stacks (threading.stack_size), tier-0 and native
recursion each end in RecursionError that the program catches and goes on."""
import sys, threading

def down(n):
    return down(n + 1) + 1

def total(n):
    if n == 0:
        return 0
    return n + total(n - 1)

def gen(n):
    yield n
    yield from gen(n + 1)

def run(limit, out):
    try:
        down(1)
    except RecursionError as e:
        out.append(("down", str(e)))
    for _ in range(300):
        total(30)
    try:
        total(limit + 10)
    except RecursionError as e:
        out.append(("total", str(e)))

for limit in (100, 1000, 3000, 10000):
    sys.setrecursionlimit(limit)
    out = []
    run(limit, out)
    print(limit, "main", out)
    for size in (0, 1 << 18, 1 << 20):
        threading.stack_size(size)
        out = []
        t = threading.Thread(target=run, args=(limit, out))
        t.start()
        t.join()
        print(limit, "thread", size, out)
threading.stack_size(0)
