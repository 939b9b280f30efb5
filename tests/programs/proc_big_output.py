"""Large outputs on stdout and stderr at once never deadlock; big input streams through."""
import hashlib
import subprocess

MB = 1 << 20
cmd = ["sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' o; "
                   "head -c 2000000 /dev/zero | tr '\\0' e >&2; echo done >&2"]
r = subprocess.run(cmd, capture_output=True, timeout=40)
print(r.returncode, len(r.stdout), len(r.stderr), r.stdout[:3], r.stderr[-8:])

# interleaved writes to both pipes
inter = "i=0; while [ $i -lt 2000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done"
r = subprocess.run(["sh", "-c", inter], capture_output=True, text=True, timeout=40)
print(len(r.stdout.splitlines()), len(r.stderr.splitlines()), r.stdout.splitlines()[-1],
      r.stderr.splitlines()[-1])

# 2 MB in, and the same 2 MB out on stdout and on stderr at the same time
data = bytes(range(256)) * (2 * MB // 256)
r = subprocess.run(["tee", "/dev/stderr"], input=data, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, timeout=40)
print(r.returncode, r.stdout == data, r.stderr == data)
r = subprocess.run(["cat"], input=data, capture_output=True, timeout=40)
print(hashlib.md5(r.stdout).hexdigest() == hashlib.md5(data).hexdigest(), len(r.stdout))

# stderr merged into stdout
r = subprocess.run(["sh", "-c", "head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2"],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=40)
print(len(r.stdout), r.stderr)

# text mode over a big output, line by line from a Popen
with subprocess.Popen(["sh", "-c", "seq 1 50000"], stdout=subprocess.PIPE, text=True) as p:
    total = 0
    count = 0
    for line in p.stdout:
        total += int(line)
        count += 1
print(count, total, p.returncode)

# the reader stops early: the child gets SIGPIPE, nothing hangs
p = subprocess.Popen(["sh", "-c", "yes | head -c 5000000"], stdout=subprocess.PIPE)
print(p.stdout.read(10))
p.stdout.close()
print(p.wait(timeout=40) in (0, -13, 141))
