# An object of the program held only by another module's list (and that list by an
# object of the other module's class in __main__): dropping the modules from sys.modules
# at teardown leaves them in one unreachable cycle, collected with every module's
# globals still bound. (One __del__ only: the order of several in one collection is the
# collector's list order, which depends on when earlier collections ran.)
from exit_support import holder


class A:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("A del", self.tag, "sees", NAME, holder.LABEL, len(keeper.item))


NAME = "main's global"
holder.held.append(A("held by holder"))
keeper = holder.Keeper(holder.held)
print("end of program")
