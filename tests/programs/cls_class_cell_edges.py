# __class__ edge cases (CPython's test_super test_various___class___pathologies and
# test___classcell___missing): a class body reading an enclosing method's __class__ while
# its own methods use the class's cell, a class attribute named __class__, global and
# nonlocal __class__ in a class body, a metaclass that drops __classcell__.


class A:
    def f(self):
        return "A"


class Outer:
    def method(self):
        class X:
            x = __class__               # the enclosing method's: Outer

            def f():
                return __class__        # X's own cell

        return X.x, X.f(), [__class__ for _ in range(1)][0]

    def comprehension_in_class(self):
        class Y:
            ys = [__class__ for _ in range(2)]

            def g(self):
                return super()

        return Y.ys


o = Outer()
x, fx, comp = o.method()
print(x is Outer, fx.__name__, comp is Outer)
try:
    o.comprehension_in_class()      # the class's own cell, empty while its body runs
except NameError as e:
    print(type(e).__name__, e)


class X(A):
    def f(self):
        return super().f()
    __class__ = 413


print(X().f(), X().__class__)

try:
    exec("""class X:
    __class__
    def f():
        __class__""", globals(), {})
except NameError as e:
    print(type(e).__name__, e)


class G:
    global __class__
    __class__ = 42

    def f():
        __class__


print(globals()["__class__"], "__class__" in G.__dict__)
del globals()["__class__"]


def nonlocal_class():
    __class__ = 0

    class N:
        nonlocal __class__
        __class__ = 42

        def f():
            __class__
    return __class__


print(nonlocal_class())


class Meta(type):
    def __new__(cls, name, bases, namespace):
        namespace.pop("__classcell__", None)
        return super().__new__(cls, name, bases, namespace)


class WithoutClassRef(metaclass=Meta):
    pass


print(WithoutClassRef.__name__)
for body in ("def f(self):\n        return __class__", "def f(self):\n        return super().f()"):
    try:
        exec(f"class WithClassRef(metaclass=Meta):\n    {body}\n")
    except RuntimeError as e:
        print("RuntimeError:", e)


class Swap(type):
    def __new__(cls, name, bases, namespace):
        namespace["__classcell__"].cell_contents = int
        return super().__new__(cls, name, bases, namespace)


try:
    class Z(metaclass=Swap):
        def f(self):
            return __class__
except TypeError as e:
    print("TypeError:", e)
