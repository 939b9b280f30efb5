# Inline attribute reads and writes in object code check the receiver type's version tag
# alone (as CPython 3.11's LOAD_ATTR_*/STORE_ATTR_*): each way a class can change under a
# hot site must still reach the new attribute protocol: a data descriptor added to a base
# class mid-loop (the subclass's tag goes too), __bases__ reassigned to a class with a
# property, a base's __getattribute__ and __setattr__ added, a slot-like attribute of the
# base replaced, and the class changed back, at every tier.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles read_all, write_all
# run auto: --jit-threshold 5


class Base:
    pass


class Other:
    @property
    def x(self):
        return -1


class Leaf(Base):
    def __init__(self, x):
        self.x = x


def read_all(objs):
    t = 0
    for o in objs:
        t += o.x
    return t


def write_all(objs, v):
    n = 0
    for o in objs:
        try:
            o.x = v
            n += 1
        except AttributeError as e:
            n += 1000
            last = str(e)
    return n


objs = [Leaf(i) for i in range(8)]
out = []
for rnd in range(12):
    out.append(read_all(objs))
    out.append(write_all(objs, rnd))
    if rnd == 3:
        Base.x = property(lambda self: 7)          # a data descriptor on the base
    if rnd == 5:
        del Base.x                                  # the instance values show again
    if rnd == 7:
        Leaf.__bases__ = (Other,)                   # an MRO with a read-only property
    if rnd == 9:
        Leaf.__bases__ = (Base,)
        Base.__getattribute__ = lambda self, name: 3 if name == "x" else object.__getattribute__(self, name)
    if rnd == 10:
        Base.__setattr__ = lambda self, name, value: object.__setattr__(self, name, value * 2)
        del Base.__getattribute__
print(out)
print([o.x for o in objs])
