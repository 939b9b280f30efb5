# A module kept alive past the teardown's collection (here by an attribute of sys) has
# its dict wiped as _PyModule_ClearDict does: names with one leading underscore set to
# None first, then the others (CPython 3.11 finalize_modules_clear_weaklist), so the
# __del__ of its values see None for the globals cleared before them. (Nothing here
# prints a module's repr: that calls importlib, whose own wiping comes before or after
# __main__'s depending on the interpreter's site setup.)
import sys


class A:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag, _hidden, shown, sys is None, A is None)
        if self.tag == "raises":
            shown.upper()


_hidden = "h"
shown = "s"
first = A("first")
_private = A("_private")
second = A("raises")
sys.keep_main = sys.modules[__name__]
print("end of program")
