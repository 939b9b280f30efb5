# Teardown restores the builtins to what they were at start-up (CPython 3.11
# finalize_restore_builtins): an object the program stored there is released then,
# before the modules' collection, and sees the original len.
import builtins


class A:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag, NAME, len([1, 2]))


NAME = "global"
builtins.keep = A("in builtins")
builtins.len = lambda x: "replaced"
print(len([1]))
print("end of program")
