"""Argument checks of __import__, input() with a stdout that cannot flush, an
unimportable relative $PYTHONBREAKPOINT, and sys attributes deleted by the program."""
import sys, io, os
for args in [(1, 2, 3, 4), ("",), ("os", None, None, (), -1)]:
    try:
        __import__(*args)
    except Exception as e:
        print(type(e).__name__, e)
class BitBucket:
    def write(self, s): pass
old = sys.stdout, sys.stdin
sys.stdin = io.StringIO("1+1\n")
sys.stdout = BitBucket()
v = input("prompt")
sys.stdout, sys.stdin = old
print(v)
os.environ["PYTHONBREAKPOINT"] = ".foo.bar"
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    breakpoint()
print([str(x.message) for x in w])

try:
    delattr(sys, "no_such_attribute_pj")
except AttributeError as e:
    print("AttributeError", e)
sys.spam_pj = 1
del sys.spam_pj
print(hasattr(sys, "spam_pj"))
hook = sys.breakpointhook
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError", e)
sys.breakpointhook = hook
print(type(sys), type(sys).__name__, isinstance(sys, type(io)))
