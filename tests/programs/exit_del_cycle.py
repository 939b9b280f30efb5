# An object in a reference cycle of its own and objects in a list of __main__: at
# teardown they are collected with __main__'s dict (its cycle through the class), their
# __del__ see the globals; the one that raises is reported without its source line.
class Node:
    def __init__(self, tag):
        self.tag = tag
        self.me = self

    def __del__(self):
        print("Node del", self.tag, COUNT)
        if self.tag == "raises":
            raise ValueError("from " + self.tag)


COUNT = 3
n = Node("cycle")
print("end of program")
