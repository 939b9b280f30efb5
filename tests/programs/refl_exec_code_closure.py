"""exec() of a function's __code__ (CPython's test_builtin.test_exec_closure): the body runs
with the given globals and the cells of closure=; a closure is refused for code without free
variables, required (a tuple of exactly that many cells) for code with them; the locals
mapping is not used; a function with parameters fails as a call without arguments."""
import types


def attempt(label, *args, **kwargs):
    try:
        print(label, "->", exec(*args, **kwargs))
    except TypeError as e:
        print(label, "->", type(e).__name__, e)


def function_without_closures():
    print("  body without closures runs")
    return 3 * 5


result = 0


def make_closure_functions():
    a = 2
    b = 3
    c = 5

    def three_freevars():
        nonlocal result
        nonlocal a
        nonlocal b
        result = a * b

    def four_freevars():
        nonlocal result
        nonlocal a
        nonlocal b
        nonlocal c
        result = a * b * c
    result = 0
    return three_freevars, four_freevars, lambda: result


three, four, read_result = make_closure_functions()
print(three.__code__.co_freevars)
attempt("smoke", three.__code__, three.__globals__, closure=three.__closure__)
print("result:", read_result())
mine = (types.CellType(35), types.CellType(72), three.__closure__[2])
attempt("own cells", three.__code__, three.__globals__, closure=mine)
print("result:", read_result(), "cell:", mine[2].cell_contents)
attempt("no free variables", function_without_closures.__code__, globals())
attempt("no free variables, closure", function_without_closures.__code__, globals(), closure=mine)
attempt("closure None", three.__code__, three.__globals__, closure=None)
attempt("wrong length", three.__code__, three.__globals__, closure=four.__closure__)
attempt("a list", three.__code__, three.__globals__, closure=list(mine))
attempt("not cells", three.__code__, three.__globals__, closure=(1, 2, 3))


def uses_globals():
    global seen
    seen = name_in_globals


namespace = {"name_in_globals": "from the given globals"}
attempt("given globals", uses_globals.__code__, namespace, {"name_in_globals": "from locals"})
print(namespace["seen"], "__builtins__" in namespace)


def needs_argument(x):
    print(x)


attempt("with a parameter", needs_argument.__code__, globals())
attempt("host code object with closure", compile("x = 1", "<s>", "exec"), {}, closure=mine)


def outer():
    z = 1
    a = 2
    m = 3

    def inner():
        return z, a, m

    class C:
        def f(self):
            return __class__, z
    return inner, C


inner, C = outer()
print(inner.__code__.co_freevars, [c.cell_contents for c in inner.__closure__], inner())
print(outer.__code__.co_cellvars, C.f.__code__.co_freevars, C().f()[1])
