"""breakpoint(): the default debugger driven through stdin (pdb's commands and output), then
sys.breakpointhook and PYTHONBREAKPOINT ('0', module.function, unimportable)."""
import os
import sys
import warnings


def square(a):
    b = a * a
    return b


def compute(x):
    y = x * 2
    breakpoint()
    z = square(y)
    w = z + 1
    total = w + y
    return total


result = compute(3)
print("result", result)
items = [1, 2, 3]
breakpoint()
items.append(4)
print("items", items)

# A hook of our own through sys.breakpointhook.
seen = []
sys.breakpointhook = lambda *args, **kwargs: seen.append((args, kwargs)) or "mine"
print(breakpoint(1, key="v"), seen)
sys.breakpointhook = sys.__breakpointhook__

# PYTHONBREAKPOINT is read at each call, from the live environment.
os.environ["PYTHONBREAKPOINT"] = "0"
print("disabled:", breakpoint())
os.environ["PYTHONBREAKPOINT"] = "refl_support.hooks.record"
print("hook:", breakpoint("arg", flag=True))
from refl_support import hooks  # noqa: E402
print(hooks.calls)
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("printed", "by", "builtins.print", sep="-")
os.environ["PYTHONBREAKPOINT"] = "len"
print("builtin by bare name:", breakpoint([1, 2]))
for bad in ("no_such_module_pj.func", "os.no_such_function", "refl_support.hooks."):
    os.environ["PYTHONBREAKPOINT"] = bad
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        print("unimportable:", breakpoint())
    print([(w.category.__name__, str(w.message)) for w in caught])
del os.environ["PYTHONBREAKPOINT"]
print("done")
