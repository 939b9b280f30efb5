# sys.exit() and raise SystemExit(None) mean success (exit code 0); atexit-free clean shutdown.
import sys


def stop():
    print('stopping')
    raise SystemExit


try:
    stop()
except SystemExit as e:
    print('code', e.code)
print('exiting')
sys.exit()
