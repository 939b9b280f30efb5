# sys.exit with an int: finally blocks run, SystemExit is an exception, the exit code is the value.
import sys


def main():
    try:
        print('working')
        sys.exit(3)
    finally:
        print('cleanup runs')


try:
    sys.exit(0)
except SystemExit as e:
    print('caught SystemExit', e.code, isinstance(e, Exception), isinstance(e, BaseException))
try:
    raise SystemExit('message')
except SystemExit as e:
    print('code is', repr(e.code))
if __name__ == '__main__':
    main()
print('not reached')
