"""subprocess timeouts: the child is killed and reaped; partial output is kept."""
import os
import subprocess
import time


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


start = time.monotonic()
try:
    subprocess.run(["sleep", "10"], timeout=0.2)
except subprocess.TimeoutExpired as exc:
    # without pipes CPython reports the time that was left: at most the timeout
    print(type(exc).__name__, 0 < exc.timeout <= 0.2, exc.cmd, exc.stdout, exc.stderr)
    print(str(exc).startswith("Command '['sleep', '10']' timed out after 0."))
print("fast", time.monotonic() - start < 5)

try:
    subprocess.run(["sh", "-c", "echo early; echo warn >&2; exec sleep 10"], timeout=0.5,
                   capture_output=True)
except subprocess.TimeoutExpired as exc:
    print(exc, exc.output, exc.stdout, exc.stderr)

try:
    subprocess.run(["sh", "-c", "echo text; exec sleep 10"], timeout=0.5, stdout=subprocess.PIPE,
                   text=True)
except subprocess.TimeoutExpired as exc:
    print(repr(exc.stdout), exc.stderr)   # still bytes: CPython does not decode here

try:
    subprocess.check_output(["sleep", "10"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("check_output:", exc)
try:
    subprocess.call(["sleep", "10"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("call:", exc)
try:
    subprocess.check_call(["sleep", "10"], timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("check_call:", exc)

# Popen.wait and communicate with timeouts; the process lives on until killed
p = subprocess.Popen(["sleep", "10"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print("wait:", exc, p.poll())
p.kill()
print(p.wait(), p.poll(), p.returncode)
p.send_signal(9)   # already reaped: nothing happens

p = subprocess.Popen(["sh", "-c", "echo a; sleep 0.6; echo b; exec sleep 10"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
try:
    p.communicate(timeout=0.3)
except subprocess.TimeoutExpired as exc:
    print("communicate:", exc.stdout, exc.stderr, exc.timeout)
try:
    p.communicate(timeout=1.2)
except subprocess.TimeoutExpired as exc:
    print("again:", exc.stdout, exc.stderr)
p.terminate()
print(p.communicate(), p.returncode)

# a timeout that is not reached changes nothing
print(subprocess.run(["echo", "quick"], capture_output=True, timeout=30).stdout)
print(subprocess.run(["sh", "-c", "exit 5"], timeout=30).returncode)
with subprocess.Popen(["true"]) as p:
    print(p.wait(timeout=30))
print("zombies", zombies())
