"""`for` over a list and a tuple of objects (pyperformance nqueens, go, raytrace)."""
import sys


def run(xs, ys, n):
    t = 0
    for i in range(n):
        for x in xs:
            if x is None:
                t += 1
        for y in ys:
            if y is None:
                t += 1
    return t


print(run([None, "a", None, 1.5], (None, "b", 2), int(sys.argv[1])))
