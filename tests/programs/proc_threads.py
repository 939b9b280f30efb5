"""subprocess from several guest threads at once: runs, pipes and waits stay separate."""
import subprocess
import threading

results = {}
lock = threading.Lock()


def worker(n):
    outs = []
    for i in range(5):
        r = subprocess.run(["sh", "-c", 'echo "$0 $1"; echo err$0 >&2; exit $1', str(n), str(i)],
                           capture_output=True, text=True, timeout=30)
        outs.append((r.returncode, r.stdout.strip(), r.stderr.strip()))
    with lock:
        results[n] = outs


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join(60)
for n in sorted(results):
    print(n, results[n])

# two threads wait for the same child; both see its exit status
p = subprocess.Popen(["sh", "-c", "sleep 0.3; exit 6"])
codes = []


def waiter():
    code = p.wait(timeout=30)
    with lock:
        codes.append(code)


ws = [threading.Thread(target=waiter) for _ in range(2)]
for t in ws:
    t.start()
for t in ws:
    t.join(60)
print(codes, p.returncode)

# a pipeline between two children, fed and drained by threads
producer = subprocess.Popen(["sh", "-c", "seq 1 3000"], stdout=subprocess.PIPE)
consumer = subprocess.Popen(["wc", "-l"], stdin=producer.stdout, stdout=subprocess.PIPE, text=True)
producer.stdout.close()
out, _ = consumer.communicate(timeout=30)
print(out.strip(), producer.wait(timeout=30), consumer.returncode)
