"""A relative import without __package__ or __spec__ warns as importlib does; input()
raises CPython's RuntimeError when sys.stdin, sys.stdout or sys.stderr was deleted."""
import io, sys, warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    try:
        __import__('', {'__package__': None, '__spec__': None, '__name__': '__main__'}, locals={}, fromlist=('foo',), level=1)
    except ImportError as e:
        print("ImportError", e)
print([(x.category.__name__, str(x.message)) for x in w])
saved = sys.stdin, sys.stdout, sys.stderr
out = io.StringIO()
try:
    sys.stdin = io.StringIO("x\n")
    sys.stdout = out
    del sys.stdout
    try:
        input("p")
    except RuntimeError as e:
        err1 = str(e)
    sys.stdout = out
    del sys.stdin
    try:
        input("p")
    except RuntimeError as e:
        err2 = str(e)
    sys.stdin = io.StringIO("x\n")
    del sys.stderr
    try:
        input("p")
    except RuntimeError as e:
        err3 = str(e)
finally:
    sys.stdin, sys.stdout, sys.stderr = saved
print(err1, err2, err3)
