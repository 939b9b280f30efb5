# Method calls `obj.name(args)` see every way Python's attribute lookup can change:
# instance attributes shadowing methods, methods replaced on the class, inherited
# and overridden methods, __getattribute__/__getattr__, __slots__, class and static
# methods, callables that are not functions, and descriptors.


class Base:
    def who(self):
        return "Base.who"

    def greet(self, name):
        return f"hello {name} from {self.who()}"


class Child(Base):
    def who(self):
        return "Child.who"


def call_who(obj):
    return obj.who()


def call_greet(obj, name):
    return obj.greet(name)


def call_pair(obj, a, b):
    return obj.pair(a, b)


b, c = Base(), Child()
print(call_who(b), call_who(c), call_greet(c, "ann"))

# An instance attribute shadows the method; deleting it brings the method back.
c.who = lambda: "instance lambda"
print(call_who(c), call_greet(c, "bob"))
del c.who
print(call_who(c))

# Replacing the method on the class is seen at once.
original = Child.who
Child.who = lambda self: "replaced on the class"
print(call_who(c))
Child.who = original
print(call_who(c))

# Deleting the override falls back to the base class.
del Child.who
print(call_who(c))
Child.who = original


# __getattribute__ added to a class after calls were made.
class Loud:
    def hi(self):
        return "hi"


def call_hi(obj):
    return obj.hi()


loud = Loud()
print(call_hi(loud))
Loud.__getattribute__ = lambda self, name: (lambda: f"intercepted {name}")
print(call_hi(loud))
del Loud.__getattribute__
print(call_hi(loud))


class Fallback:
    def __getattr__(self, name):
        return lambda *a: f"__getattr__ {name}{a}"


print(call_who(Fallback()), call_greet(Fallback(), "x"))


class Slotted:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def who(self):
        return f"Slotted {self.v}"

    def pair(self, a, b):
        return (self.v, a, b)


print(call_who(Slotted(3)), call_pair(Slotted(4), "a", "b"))


class Kinds:
    @classmethod
    def who(cls):
        return f"classmethod of {cls.__name__}"

    @staticmethod
    def greet(name):
        return f"staticmethod {name}"

    pair = staticmethod(lambda a, b: ("static lambda", a, b))


print(call_who(Kinds()), call_greet(Kinds(), "z"), call_pair(Kinds(), 1, 2))
print(call_who(Kinds), call_greet(Kinds, "cls"))


class CallableAttr:
    class who:             # a class as a method name: calling it makes an instance
        def __init__(self):
            self.made = True

    greet = print          # a builtin: not bound


made = call_who(CallableAttr())
print(type(made).__name__, made.made)
call_greet(CallableAttr(), "printed by a builtin attribute")


class Prop:
    @property
    def who(self):
        return lambda: "from a property"


print(call_who(Prop()))


class Meta(type):
    def who(cls):
        return f"metaclass method on {cls.__name__}"


class WithMeta(metaclass=Meta):
    pass


print(call_who(WithMeta))


class Counter:
    def __init__(self):
        self.n = 0

    def pair(self, a, b):
        self.n += a + b
        return self.n


def evaluation_order():
    log = []

    class Swap:
        def pair(self, a, b):
            return ("first pair", a, b)

    s = Swap()

    def arg():
        log.append("arg")
        Swap.pair = lambda self, a, b: ("second pair", a, b)
        return 1
    # The method is looked up before the arguments run (CPython's LOAD_METHOD).
    first = s.pair(arg(), 2)
    second = s.pair(3, 4)
    return first, second, log


k = Counter()
print([call_pair(k, i, 1) for i in range(4)], evaluation_order())


class Dunder:
    def __len__(self):
        return 7


d = Dunder()
print(d.__len__(), len(d))
try:
    call_who(object())
except AttributeError as e:
    print("AttributeError", e)
