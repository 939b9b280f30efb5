# Class bodies between a function and its methods: a name the class binds (or declares
# global) that a method uses freely is the enclosing function's variable in the method;
# `nonlocal` in a class body writes the enclosing function's cell.


def method_named_like_variable():
    method_and_var = "var"

    class Test:
        def method_and_var(self):
            return "method"

        def test(self):
            return method_and_var

        def actual_global(self):
            return str("global")

        def str(self):
            return str(self)
    return Test()


t = method_named_like_variable()
print(t.test(), t.method_and_var(), t.actual_global())


def nonlocal_in_class(x):
    class C:
        nonlocal x
        x += 1
        seen = x

        def get(self):
            return x
    return C()


c = nonlocal_in_class(0)
print(c.get(), c.seen, "x" in type(c).__dict__)


def global_in_class(x):
    class Foo:
        global x

        def __call__(self, y):
            return x + y
    return Foo()


x = 0
print(global_in_class(6)(2))
x = -1
print(global_in_class(3)(2))


def class_reads_before_binding():
    v = "outer"

    class K:
        try:
            first = v       # LOAD_NAME: namespace, globals, builtins -- not the cell
        except NameError as e:
            first = str(e)
        v = "class"
        second = v          # the class namespace's v

        def m(self):
            return v        # the function's v
    return K


K = class_reads_before_binding()
print(K.first, K.second, K().m())


def deleted_nonlocal():
    y = 1

    class D:
        nonlocal y
        del y
        try:
            y
        except NameError as e:
            print(type(e).__name__, e)
        try:
            del y
        except NameError as e:
            print(type(e).__name__, e)
    try:
        return y
    except NameError as e:
        return f"{type(e).__name__}: {e}"


print(deleted_nonlocal())


def rebinding_loop(n):
    total = 0

    class Acc:
        nonlocal total
        for i in range(n):
            total += i

        def read(self):
            return total
    return Acc().read(), total


print(rebinding_loop(10))


def hot_method_reads_passed_cell():
    scale = 3

    class P:
        scale = 100         # the class attribute, not what the method reads

        def run(self, n):
            s = 0
            for i in range(n):
                s += i * scale
            return s
    return P().run(2000), P.scale


print(hot_method_reads_passed_cell())


def delete_cell_twice():
    z = 1

    def inner():
        return z
    del z
    try:
        del z
    except NameError as e:
        print(type(e).__name__, e)
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)


delete_cell_twice()
