"""subprocess errors: missing programs, bad cwd, non-zero exits, signals, bad arguments."""
import signal
import subprocess

cases = [
    ("missing", lambda: subprocess.run(["pj-no-such-program", "arg"])),
    ("missing path", lambda: subprocess.run(["/pj/no/such/program"])),
    ("missing with env", lambda: subprocess.run(["pj-no-such-program"], env={"PATH": "/bin"})),
    ("missing bytes", lambda: subprocess.run([b"pj-no-such-program"])),
    ("missing cwd", lambda: subprocess.run(["true"], cwd="/pj/no/such/dir")),
    ("cwd is a file", lambda: subprocess.run(["true"], cwd="/etc/passwd")),
    ("not executable", lambda: subprocess.run(["/etc/passwd"])),
    ("a directory", lambda: subprocess.run(["/tmp"])),
    ("null byte", lambda: subprocess.run(["echo", "a\0b"])),
    ("input and stdin", lambda: subprocess.run(["cat"], input=b"", stdin=subprocess.PIPE)),
    ("capture and stdout", lambda: subprocess.run(["true"], capture_output=True,
                                                   stdout=subprocess.PIPE)),
    ("text mismatch", lambda: subprocess.run(["true"], text=True, universal_newlines=False)),
    ("check", lambda: subprocess.run(["sh", "-c", "echo o; echo e >&2; exit 3"], check=True,
                                     capture_output=True)),
    ("check_call", lambda: subprocess.check_call(["false"])),
    ("check_call args kw", lambda: subprocess.check_call(args=["sh", "-c", "exit 9"])),
    ("check_output", lambda: subprocess.check_output(["sh", "-c", "echo partial; exit 1"])),
    ("check_output stdout", lambda: subprocess.check_output(["true"], stdout=subprocess.PIPE)),
    ("killed", lambda: subprocess.run(["sh", "-c", "kill -TERM $$"], check=True)),
    ("killed 9", lambda: subprocess.run(["sh", "-c", "kill -KILL $$"], check=True)),
    ("pathlike shell", lambda: subprocess.run(__import__("pathlib").Path("/bin/true"),
                                              shell=True)),
    ("bad bufsize", lambda: subprocess.Popen(["true"], bufsize="x")),
    ("bad env", lambda: subprocess.run(["true"], env={"A=B": "1"})),
]
for name, fn in cases:
    try:
        result = fn()
        print(name, "->", result)
    except subprocess.CalledProcessError as exc:
        print(name, type(exc).__name__, exc, exc.returncode, exc.output, exc.stderr,
              exc.stdout is exc.output, exc.cmd)
    except Exception as exc:
        print(name, type(exc).__name__, exc, getattr(exc, "errno", None),
              getattr(exc, "filename", None))

print(subprocess.run(["sh", "-c", "kill -TERM $$"]).returncode == -signal.SIGTERM)
print(str(subprocess.CalledProcessError(-99, "x")))
print(str(subprocess.CalledProcessError(2, ["a", "b"], b"o", b"e")))
print(str(subprocess.TimeoutExpired(["x"], 1.5)), subprocess.TimeoutExpired("y", 2).stdout)
print(issubclass(subprocess.CalledProcessError, subprocess.SubprocessError),
      issubclass(subprocess.TimeoutExpired, subprocess.SubprocessError),
      issubclass(subprocess.SubprocessError, Exception))
try:
    subprocess.CompletedProcess("c", 3, "o", "e").check_returncode()
except subprocess.CalledProcessError as exc:
    print(exc, exc.stdout, exc.stderr)

# a failed start leaves no process behind and the next run works
for _ in range(3):
    try:
        subprocess.Popen(["pj-no-such-program"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError as exc:
        print(exc.strerror, exc.filename)
print(subprocess.run(["echo", "still fine"], capture_output=True).stdout)
