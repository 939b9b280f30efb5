"""subprocess env and cwd: explicit environments, the live os.environ, working directories."""
import os
import subprocess
import tempfile

start_cwd = os.getcwd()

show = ["sh", "-c", "echo ${PJ_A-unset} ${PJ_B-unset} ${HOME+home-set}"]
print(subprocess.run(show, env={"PJ_A": "1 2", "PATH": "/usr/bin:/bin"},
                     capture_output=True, text=True).stdout)
print(subprocess.run(["env"], env={"ONLY": "this"}, capture_output=True, text=True).stdout)
print(subprocess.run(["env"], env={}, capture_output=True, text=True).stdout == "")
print(subprocess.run(["echo", "found"], env={"PATH": "/nonexistent:/bin"},
                     capture_output=True).stdout)
print(subprocess.run(show, env={b"PJ_A": b"bytes", "PATH": "/bin"}, capture_output=True).stdout)

# the child sees changes made to os.environ by this program
os.environ["PJ_B"] = "live value"
print(subprocess.run(show, capture_output=True, text=True).stdout)
del os.environ["PJ_B"]
print(subprocess.run(show, capture_output=True, text=True).stdout)
env = dict(os.environ, PJ_A="copied")
print(subprocess.run(show, env=env, capture_output=True, text=True).stdout)

# cwd: a str, bytes and a path-like; relative programs are found from it
print(subprocess.run(["pwd"], cwd="/usr", capture_output=True, text=True).stdout)
print(subprocess.run(["pwd"], cwd=b"/bin", capture_output=True, text=True).stdout)
with tempfile.TemporaryDirectory() as tmp:
    real = os.path.realpath(tmp)
    script = os.path.join(tmp, "hello.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho hello from $(basename \"$PWD\") \"$@\"\n")
    os.chmod(script, 0o755)
    import pathlib
    out = subprocess.run(["./hello.sh", "x"], cwd=pathlib.Path(tmp), capture_output=True,
                         text=True).stdout
    print(out.replace(os.path.basename(real), "<tmp>"))
    out = subprocess.run(["pwd"], cwd=tmp, capture_output=True, text=True).stdout.strip()
    print(out == real)
    subprocess.run(["sh", "-c", "echo made > made.txt"], cwd=tmp)
    with open(os.path.join(tmp, "made.txt")) as f:
        print(f.read())
print(subprocess.run(["./true"], cwd="/bin").returncode)
# a child's cwd= never moves the parent
print(os.getcwd() == start_cwd, os.path.basename(os.getcwd()))
