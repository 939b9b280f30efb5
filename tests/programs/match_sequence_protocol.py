# Sequence patterns as CPython 3.11 compiles them: only wildcards test the length alone,
# a `*_` star reads items by index (an endless sequence matches), other patterns unpack the
# subject whole; captures are stored only when the whole pattern matched (a guard that
# fails leaves them); sequence/mapping come from the type's flags (registration, MRO).
import collections.abc
match [5, 2]:
    case [x, 1]:
        pass
    case _:
        pass
print("x" in globals())
match [5, 2, 3]:
    case [y, *rest, 9]:
        pass
    case _:
        pass
print("y" in globals(), "rest" in globals())
class Seq(collections.abc.Sequence):
    def __getitem__(self, i):
        print("getitem", i); return i
    def __len__(self):
        print("len"); return 42
match Seq():
    case [a, *_, b, c]:
        print(a, b, c)
match Seq():
    case [_, *_]:
        print("only wildcards")
class Short(collections.abc.Sequence):
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i
    def __len__(self):
        return 2
try:
    match Short():
        case [p, q]:
            print(p, q)
except ValueError as e:
    print("ValueError", e)
match (1, 2, 3, 4):
    case [1, *mid, 4]:
        print(mid)
match range(5):
    case [0, *r]:
        print(r)


match 5:
    case z if z > 10:
        pass
    case _:
        pass
print("z" in globals(), z)
match [1, [2, 3]]:
    case [1, [w, 4]] | [1, [w, 3]]:
        print("or", w)


class Parent:
    pass


class ChildPre(Parent):
    pass


collections.abc.Sequence.register(Parent)


class ChildPost(Parent):
    pass


class DictSeq(dict, collections.abc.Sequence):
    pass


class SeqDict(collections.abc.Sequence, dict):
    def __getitem__(self, i):
        raise IndexError

    def __len__(self):
        return 0


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
        case _:
            return "neither"


print([kind(x) for x in (Parent(), ChildPre(), ChildPost(), DictSeq(), SeqDict(), "str", b"b",
                         bytearray(), {}, [], (), range(0), memoryview(b""), object())])
