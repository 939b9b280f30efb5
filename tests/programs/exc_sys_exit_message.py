# sys.exit with a string: it is printed on stderr and the exit code is 1.
import sys

print('before exit')
sys.exit('fatal: giving up')
