# warnings.showwarning and warnings.formatwarning replaced, deleted and restored by the
# program are what warnings.warn uses, looked up at each warning (CPython's
# _showwarnmsg/_formatwarnmsg); catch_warnings(record=True) records even while
# showwarning is replaced; the module stays a plain module.
import sys
import types
import warnings

sys.stderr = sys.stdout     # (the default printer's output in stdout's order)
warnings.simplefilter("always")


def mine(message, category, filename, lineno, file=None, line=None):
    print("mine:", message, category.__name__, filename.rpartition("/")[2], lineno, line)


def fmt(message, category, filename, lineno, line=None):
    return "FMT %s %s %d\n" % (message, category.__name__, lineno)


def warn_here(text, level=1):
    warnings.warn(text, stacklevel=level)


for _ in range(3):
    warn_here("default")
original = warnings.showwarning
warnings.showwarning = mine
warn_here("replaced")
warn_here("replaced, caller's line", 2)
warnings.warn_explicit("explicit", UserWarning, "somefile.py", 7)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warn_here("recorded")
print([str(w.message) for w in caught], warnings.showwarning is mine)
warnings.formatwarning = fmt
warn_here("formatwarning ignored: showwarning is replaced")
warnings.showwarning = original
warn_here("formatted")
del warnings.showwarning
print(hasattr(warnings, "showwarning"))
warn_here("no showwarning at all")
warnings.showwarning = original
del warnings.formatwarning
try:
    warn_here("no formatwarning")
except NameError as e:
    print("NameError:", e)
warnings.formatwarning = fmt
warnings.showwarning = 42
try:
    warn_here("not callable")
except TypeError as e:
    print("TypeError:", e)
warnings.showwarning = original
warnings.warn(DeprecationWarning("an instance"))
print(type(warnings) is types.ModuleType, type(warnings).__name__, warnings.__name__)
