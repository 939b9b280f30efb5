"""subprocess from several guest threads at once: runs, pipes and waits stay separate."""
import subprocess
import threading
import time

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

# two threads wait for the same child; both see its exit status. The child exits only
# once both are seen waiting (asleep in the kernel on 3 polls in a row).
p = subprocess.Popen(["sh", "-c", "read x; exit 6"], stdin=subprocess.PIPE)
codes = []


def waiter():
    code = p.wait(timeout=30)
    with lock:
        codes.append(code)


def seen_waiting(native_id):
    seen = 0
    while seen < 3 and not codes:
        with open(f"/proc/self/task/{native_id}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        seen = seen + 1 if state == "S" and not codes else 0
        time.sleep(0.002)
    return seen == 3


ws = [threading.Thread(target=waiter) for _ in range(2)]
for t in ws:
    t.start()
print("both waiting:", [seen_waiting(t.native_id) for t in ws])
p.stdin.write(b"go\n")
p.stdin.close()
for t in ws:
    t.join(60)
print(codes, p.returncode)

# a pipeline between two children, fed and drained by threads
producer = subprocess.Popen(["sh", "-c", "seq 1 3000"], stdout=subprocess.PIPE)
consumer = subprocess.Popen(["wc", "-l"], stdin=producer.stdout, stdout=subprocess.PIPE, text=True)
producer.stdout.close()
out, _ = consumer.communicate(timeout=30)
print(out.strip(), producer.wait(timeout=30), consumer.returncode)
