"""An uncaught RecursionError: CPython's traceback, its "[Previous line repeated N more
times]" count (the guest depth at the limit) and exit status 1, at every tier (issue 18)."""
import sys

sys.setrecursionlimit(200)


def down(n):
    if n < 0:
        return 0
    return 1 + down(n + 1)


print(down(-5))
down(0)
