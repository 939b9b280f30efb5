# A __del__ run at interpreter teardown that reads sys._getframe(1) (the issue 18 note's
# `xs = [A()]` at module level): no guest frame calls it there, so CPython 3.11 reports
# "Exception ignored in ... ValueError: call stack is not deep enough" on stderr for the
# one that lets the error out, and the one that catches it prints what it caught.
import sys


class Reads:
    def __del__(self):
        try:
            sys._getframe(1)
            print("Reads: a caller frame")
        except ValueError as e:
            print("Reads:", e)


class Raises:
    def __del__(self):
        print("Raises: caller", sys._getframe(1).f_code.co_name)


def dropped_in_a_function():
    r = Reads()
    del r


dropped_in_a_function()
xs = [Reads()]
ys = [Raises()]
print("end of program")
