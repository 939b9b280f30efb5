"""preexec_fn, user, group, extra_groups and umask: children started through the fork+exec
path, with CPython's argument checks and errors (an exception in preexec_fn, a missing
program or cwd)."""
import os, subprocess, sys
def pre():
    os.environ["PJ_PRE"] = "set-in-child"
    print("preexec ran", flush=True)
r = subprocess.run([sys.executable, "-c", "import os; print(os.environ.get('PJ_PRE'))"],
                   preexec_fn=pre, capture_output=True, text=True)
print(r.returncode, repr(r.stdout))
r = subprocess.run(["sh", "-c", "umask"], umask=0o077, capture_output=True, text=True)
print(r.stdout.strip())
def bad():
    raise ValueError("nope")
try:
    subprocess.run(["true"], preexec_fn=bad)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
try:
    subprocess.run(["/no/such/program"], umask=0o022)
except OSError as e:
    print(type(e).__name__, e.errno, e.filename)
try:
    subprocess.run(["true"], umask=0o022, cwd="/no/such/dir")
except OSError as e:
    print(type(e).__name__, e.errno, e.filename)
for kw in ({"user": -1}, {"group": -2}, {"extra_groups": "abc"}, {"extra_groups": [1.5]}, {"user": 1.5}):
    try:
        subprocess.run(["true"], **kw)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
r = subprocess.run(["id", "-u"], user=os.getuid(), group=os.getgid(), extra_groups=[], capture_output=True, text=True)
print(r.stdout.strip() == str(os.getuid()))
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, umask=0o022)
print(p.communicate(b"through a fork child")[0], p.returncode)
