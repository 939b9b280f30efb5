"""One `os` in the process: the host libraries that use os -- shutil, tempfile, pathlib,
glob, subprocess, importlib -- hold the program's module, so a write to os.environ is
what they read (and what a child process gets); os.environ is an os._Environ with
CPython's mapping API; getenv/putenv/unsetenv work on it; os's classes pickle to
themselves; dir(os) lists CPython's names, no protojit helper among them."""
import glob, importlib, os, os.path, pathlib, pickle, shutil, subprocess, sys, tempfile
import posixpath

print(shutil.os is os, tempfile._os is os, glob.os is os, pathlib.os is os, subprocess.os is os)
print(importlib.import_module("os") is os, sys.modules["os"] is os, os.path is posixpath,
      sys.modules["os.path"] is os.path)
print(type(os.environ) is os._Environ, type(os.environ).__name__, type(os.environ).__module__,
      type(os.environb) is os._Environ)

os.environ["PJ_ONE_OS_VAR"] = "one value"
print(shutil.os.environ["PJ_ONE_OS_VAR"], os.getenv("PJ_ONE_OS_VAR"),
      os.environb[b"PJ_ONE_OS_VAR"], "PJ_ONE_OS_VAR" in tempfile._os.environ)
print(subprocess.run([sys.executable, "-c", "import os; print(os.environ['PJ_ONE_OS_VAR'])"],
                     capture_output=True, text=True).stdout.strip())
# a host library's reading of the environment: tempfile's TMPDIR, shutil.which's PATH
with tempfile.TemporaryDirectory() as folder:
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = None
    print(tempfile.gettempdir() == folder)
    tool = os.path.join(folder, "pj-one-os-tool")
    with open(tool, "w") as fh:
        fh.write("#!/bin/sh\n")
    os.chmod(tool, 0o755)
    saved_path = os.environ["PATH"]
    os.environ["PATH"] = folder
    print(shutil.which("pj-one-os-tool") == tool, os.get_exec_path() == [folder])
    os.environ["PATH"] = saved_path
    del os.environ["TMPDIR"]
    tempfile.tempdir = None

os.putenv("PJ_ONE_OS_VAR", "changed")
print(subprocess.run(["sh", "-c", "echo $PJ_ONE_OS_VAR"], capture_output=True,
                     text=True).stdout.strip())
os.unsetenv("PJ_ONE_OS_VAR")
print(repr(subprocess.run(["sh", "-c", "echo ${PJ_ONE_OS_VAR-unset}"], capture_output=True,
                          text=True).stdout.strip()))
os.environ.pop("PJ_ONE_OS_VAR", None)   # (CPython's copy still has it; protojit's is live)
print(os.environ.get("PJ_ONE_OS_VAR", "gone"), os.getenvb(b"PJ_ONE_OS_VAR"))
try:
    del os.environ["PJ_ONE_OS_VAR"]
except KeyError as exc:
    print("KeyError", exc)
for bad in (lambda: os.environ.__setitem__("X", 1), lambda: os.environ.__setitem__(1, "x"),
            lambda: os.environb.__setitem__("X", b"x"), lambda: os.environ | 1):
    try:
        bad()
    except TypeError as exc:
        print("TypeError", exc)
merged = os.environ | {"PJ_ONE_OS_MERGED": "m"}
print(type(merged) is dict, merged["PJ_ONE_OS_MERGED"], "PJ_ONE_OS_MERGED" in os.environ,
      type(os.environ.copy()) is dict, len(os.environ) == len(os.environ.copy()))

st = os.stat(".")
again = pickle.loads(pickle.dumps(st))
print(type(again) is os.stat_result, again == st)
size = os.terminal_size((80, 24))
print(pickle.loads(pickle.dumps(size)) == size, type(pickle.loads(pickle.dumps(size))) is os.terminal_size)
print(os.waitstatus_to_exitcode(3 << 8), os.WEXITSTATUS(3 << 8))
read_end, write_end = os.pipe()
os.write(write_end, b"through the pipe")
print(os.read(read_end, 100), os.get_inheritable(read_end))
os.close(read_end)
os.close(write_end)
names = dir(os)
print(len(names), [n for n in names if n.startswith("_") and not n.startswith("__")])
print(sorted(set(os.__all__) - set(names)))
