"""subprocess.run in each documented form: captures, PIPE/DEVNULL/STDOUT, input, text modes."""
import subprocess
import tempfile

print(subprocess.run(["true"]))
print(subprocess.run(["sh", "-c", "exit 3"]).returncode)
print(subprocess.run(["sh", "-c", "echo out; echo err >&2"], capture_output=True))
print(subprocess.run(["sh", "-c", "echo out; echo err >&2"], stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT))
print(subprocess.run(["sh", "-c", "echo out; echo err >&2"], stdout=subprocess.DEVNULL,
                     stderr=subprocess.PIPE))
print(subprocess.run(["cat"], stdin=subprocess.DEVNULL, capture_output=True))
print(subprocess.run(["cat"], input=b"bytes in\n", capture_output=True))
print(subprocess.run(["cat"], input="text in \u00e9\n", capture_output=True, text=True))
print(subprocess.run(["cat"], input="enc \u20ac", stdout=subprocess.PIPE, encoding="utf-8"))
print(subprocess.run(["printf", "a\\r\\nb\\rc\\n"], capture_output=True, universal_newlines=True))
print(subprocess.run(["printf", "\\377x"], capture_output=True, encoding="ascii",
                     errors="replace"))
print(subprocess.run(["printf", "\\377x"], capture_output=True, encoding="latin-1"))
try:
    subprocess.run(["printf", "\\377x"], capture_output=True, encoding="ascii")
except UnicodeDecodeError as exc:
    print(type(exc).__name__, exc.reason, exc.start)
print(subprocess.run(["sh", "-c", "echo o; exit 0"], check=True, capture_output=True))
print(subprocess.run(("echo", "tuple", "args"), capture_output=True).stdout)
print(subprocess.run("echo", capture_output=True).stdout)   # a str is the program

# stdout/stderr/stdin as file objects and raw descriptors
with tempfile.TemporaryFile() as f:
    subprocess.run(["sh", "-c", "echo to-file; echo err-to-fd >&2"], stdout=f, stderr=f.fileno())
    f.seek(0)
    print(f.read())
    f.seek(0)
    print(subprocess.run(["wc", "-l"], stdin=f, capture_output=True, text=True).stdout.split())
    f.seek(0)
    print(subprocess.run(["cat"], stdin=f.fileno(), capture_output=True).stdout)

# Popen: communicate, poll/wait, pid, context manager, returncode
with subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as p:
    print(type(p.pid).__name__, p.pid > 0, p.returncode)
    p.stdin.write(b"line 1\n")
    p.stdin.flush()
    print(p.stdout.readline())
    print(p.communicate(b"rest"))
print(p.returncode, p.poll(), p.wait())
p = subprocess.Popen(["sh", "-c", "read x; echo got $x; exit 4"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, text=True)
out, err = p.communicate("hello\n")
print(repr(out), err, p.returncode)
with subprocess.Popen(["sh", "-c", "echo ok"], stdout=subprocess.PIPE) as p:
    print(p.stdout.read(), p.wait())
print(p.stdout.closed)

print(subprocess.call(["sh", "-c", "exit 2"]))
print(subprocess.check_call(["true"]))
print(subprocess.check_output(["echo", "checked"]))
print(subprocess.check_output(["sh", "-c", "echo x; echo y >&2"], stderr=subprocess.STDOUT,
                              text=True))
print(subprocess.check_output(["cat"], input=b"piped"))
print(subprocess.check_output(["cat"], input=None, text=True) == "")
cp = subprocess.CompletedProcess(["a", "b"], 0, b"o", None)
print(cp, cp.args, cp.check_returncode())
print(subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL)
print(sorted(subprocess.__all__) == sorted([
    "Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput", "getoutput",
    "check_output", "run", "CalledProcessError", "DEVNULL", "SubprocessError",
    "TimeoutExpired", "CompletedProcess"]))
