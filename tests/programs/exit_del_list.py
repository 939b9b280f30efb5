# Objects held only by a list in __main__ at teardown: each __del__ runs once, with the
# module's globals bound, and an AttributeError it raises is reported without the line.
class Item:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("Item del", self.tag, LABEL)
        self.missing_attribute


LABEL = "label"
items = [Item("only")]
print("end of program")
