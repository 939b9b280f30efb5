"""shell=True only when asked; getoutput/getstatusoutput; signals and process groups."""
import signal
import subprocess

print(subprocess.run("echo $((6 * 7)) | tr 4 X", shell=True, capture_output=True).stdout)
print(subprocess.run(["echo $0 $1", "first", "second"], shell=True, capture_output=True,
                     text=True).stdout)
print(subprocess.run("exit 7", shell=True).returncode)
print(subprocess.run("echo 'quoted; not split' && echo and", shell=True, capture_output=True,
                     text=True).stdout)
# without shell=True, shell syntax is just an argument or a missing program
print(subprocess.run(["echo", "$HOME;", "|", "ls"], capture_output=True, text=True).stdout)
try:
    subprocess.run("echo hi", capture_output=True)
except FileNotFoundError as exc:
    print(type(exc).__name__, exc)
print(subprocess.run("echo hi", shell=True, executable="/bin/sh", capture_output=True).stdout)

print(repr(subprocess.getoutput("echo one; echo two >&2")))
print(subprocess.getstatusoutput("echo bad; exit 5"))
print(subprocess.getstatusoutput("kill -TERM $$"))
print(subprocess.getstatusoutput("printf 'no newline'"))
print(subprocess.getstatusoutput("pj-no-such-command-xyz")[0])
print(repr(subprocess.getoutput("printf 'two\\n\\n'")))

# terminate / kill / send_signal
p = subprocess.Popen(["sleep", "10"])
p.terminate()
print(p.wait() == -signal.SIGTERM)
p = subprocess.Popen(["sh", "-c", "trap 'echo got usr1; exit 3' USR1; echo ready; "
                                  "while :; do sleep 0.05; done"],
                     stdout=subprocess.PIPE, text=True)
print(p.stdout.readline().strip())
p.send_signal(signal.SIGUSR1)
print(p.stdout.read().strip(), p.wait())
p.stdout.close()

# new sessions and process groups
print(subprocess.run(["sh", "-c", "[ $(ps -o sid= -p $$) -eq $$ ] && echo leader || echo not"],
                     start_new_session=True, capture_output=True, text=True).stdout)
print(subprocess.run(["sh", "-c", "[ $(ps -o pgid= -p $$) -eq $$ ] && echo leader || echo not"],
                     process_group=0, capture_output=True, text=True).stdout)
print(subprocess.run(["sh", "-c", "[ $(ps -o pgid= -p $$) -eq $$ ] && echo leader || echo not"],
                     capture_output=True, text=True).stdout)
