"""subprocess timeouts: the child is killed and reaped; partial output is kept."""
import os
import subprocess


def zombies():
    """Children of this process that exited but were never reaped."""
    found = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "Z" and int(fields[1]) == os.getpid():
                found += 1
    return found


# Every child below sleeps forever: each call returns only because the child was killed (a
# call that waited for it instead would hang the program, and the harness fails it).
try:
    subprocess.run(["sleep", "infinity"], timeout=0.2)
except subprocess.TimeoutExpired as exc:
    # without pipes CPython reports the time that was left when it started waiting: at most
    # the timeout (how much less, even below 0, depends on the machine's load)
    print(type(exc).__name__, exc.timeout <= 0.2, exc.cmd, exc.stdout, exc.stderr)
    print(str(exc) == f"Command '['sleep', 'infinity']' timed out after {exc.timeout} seconds")

# run() gives no point to wait for the child's first output: a timeout of 2 s leaves a
# loaded machine room to start sh and write it
try:
    subprocess.run(["sh", "-c", "echo early; echo warn >&2; exec sleep infinity"], timeout=2,
                   capture_output=True)
except subprocess.TimeoutExpired as exc:
    print(exc, exc.output, exc.stdout, exc.stderr)

try:
    subprocess.run(["sh", "-c", "echo text; exec sleep infinity"], timeout=2,
                   stdout=subprocess.PIPE, text=True)
except subprocess.TimeoutExpired as exc:
    print(repr(exc.stdout), exc.stderr)   # still bytes: CPython does not decode here

try:
    subprocess.check_output(["sleep", "infinity"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("check_output:", exc)
try:
    subprocess.call(["sleep", "infinity"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("call:", exc)
try:
    subprocess.check_call(["sleep", "infinity"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("check_call:", exc)

# Popen.wait and communicate with timeouts; the process lives on until killed
p = subprocess.Popen(["sleep", "infinity"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("wait:", exc, p.poll())
p.kill()
print(p.wait(), p.poll(), p.returncode)
p.send_signal(9)   # already reaped: nothing happens

# The child writes "a", then "b" only when told to; after each write it says so on a pipe,
# so the output is in its stdout pipe before each communicate starts.
go_r, go_w = os.pipe()
said_r, said_w = os.pipe()
p = subprocess.Popen(["sh", "-c", f"echo a; echo >&{said_w}; read x <&{go_r}; echo b; "
                                  f"echo >&{said_w}; exec sleep infinity"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(go_r, said_w))
os.close(go_r)
os.close(said_w)
os.read(said_r, 1)
try:
    p.communicate(timeout=0.3)
except subprocess.TimeoutExpired as exc:
    print("communicate:", exc.stdout, exc.stderr, exc.timeout)
os.write(go_w, b"\n")
os.read(said_r, 1)
try:
    p.communicate(timeout=0.3)
except subprocess.TimeoutExpired as exc:
    print("again:", exc.stdout, exc.stderr)
os.close(go_w)
os.close(said_r)
p.terminate()
print(p.communicate(), p.returncode)

# a timeout that is not reached changes nothing
print(subprocess.run(["echo", "quick"], capture_output=True, timeout=30).stdout)
print(subprocess.run(["sh", "-c", "exit 5"], timeout=30).returncode)
with subprocess.Popen(["true"]) as p:
    print(p.wait(timeout=30))
print("zombies", zombies())
