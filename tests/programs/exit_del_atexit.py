# atexit callbacks run first and are then dropped with what they hold; an exception in a
# __del__ during atexit is reported with its source line, the ones after the modules are
# emptied without.
import atexit


class A:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)
        raise ValueError(self.tag)


def bye():
    print("atexit")
    A("in atexit")


atexit.register(bye)
keep = A("main")
print("end of program")
