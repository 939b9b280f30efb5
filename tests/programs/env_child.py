"""Environment changes reach child processes: guest subprocess, sh -c, os.system, os.popen,
os.posix_spawn with env=os.environ."""
import os
import subprocess
import sys

os.environ["PJ_CHILD_VAR"] = "from the parent"
os.environ["PJ_CHILD_SPACES"] = "a  b\tc"


def shell(script, **kwargs):
    return subprocess.run(["sh", "-c", script], capture_output=True, text=True, **kwargs).stdout


print(repr(shell('echo "$PJ_CHILD_VAR"')))
print(repr(shell('printf "%s" "$PJ_CHILD_SPACES"')))
print(repr(subprocess.check_output('echo "shell=True: $PJ_CHILD_VAR"', shell=True, text=True)))
print(repr(shell('echo "${PJ_CHILD_VAR}/${EXTRA}"', env={**os.environ, "EXTRA": "only here"})))
print("EXTRA" in os.environ)

os.environ["PJ_CHILD_VAR"] = "changed"
print(repr(shell('echo "$PJ_CHILD_VAR"')))
del os.environ["PJ_CHILD_VAR"]
print(repr(shell('echo "${PJ_CHILD_VAR-unset}"')))

os.environ["PJ_CHILD_CODE"] = "print('python child sees', __import__('os').environ['PJ_CHILD_CODE'])"
out = subprocess.run([sys.executable, "-c", "import os; exec(os.environ['PJ_CHILD_CODE'])"],
                     capture_output=True, text=True)
print(out.returncode, repr(out.stdout))

with os.popen('echo "popen: $PJ_CHILD_SPACES"') as pipe:
    print(repr(pipe.read()))

sys.stdout.flush()
status = os.system('echo "system: $PJ_CHILD_SPACES"; exit 3')
print("system status", os.waitstatus_to_exitcode(status))

r, w = os.pipe()
pid = os.posix_spawnp("sh", ["sh", "-c", 'echo "spawn: $PJ_CHILD_SPACES"'],
                      os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, w, 1)])
os.close(w)
with os.fdopen(r) as reader:
    print(repr(reader.read()))
_, status = os.waitpid(pid, 0)
print("spawn exit", os.waitstatus_to_exitcode(status))

for key in ("PJ_CHILD_SPACES", "PJ_CHILD_CODE"):
    os.environ.pop(key)
print(repr(shell('echo "${PJ_CHILD_SPACES-unset}"')))
