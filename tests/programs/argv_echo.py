# sys.argv: the script's name as given, then every argument verbatim (empty strings,
# spaces, option-like words that protojit must not take as its own, non-ASCII).
import os
import sys

print(sys.argv[0], os.path.basename(sys.argv[0]))
print(len(sys.argv) - 1, "arguments")
for i, arg in enumerate(sys.argv[1:], 1):
    print(i, repr(arg), len(arg))
print(sys.argv[1:] == ["alpha", "--beta=2", "", "x y", "42", "-c", "--", "-m", "ü"])
print(type(sys.argv).__name__, all(type(a) is str for a in sys.argv))
sys.argv.append("added")
print(sys.argv[-1], len(sys.argv))
print(sys.orig_argv[-1] if hasattr(sys, "orig_argv") else "no orig_argv")
