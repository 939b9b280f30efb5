"""Global reads while one global is rebound every iteration (pyperformance go's
TIMESTAMP += 1 in Square.move), and a builtin read (len) beside them."""
import sys

SIZE = 9
EMPTY = 0
TIMESTAMP = 0


def run(xs, n):
    global TIMESTAMP
    t = 0
    for i in range(n):
        TIMESTAMP += 1
        t += SIZE + EMPTY + len(xs)
    return t


print(run([1, 2], int(sys.argv[1])))
