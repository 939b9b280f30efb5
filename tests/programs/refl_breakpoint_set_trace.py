"""breakpoint() with no PYTHONBREAKPOINT calls pdb.set_trace, whatever the program made of
it: an assignment or unittest.mock.patch('pdb.set_trace') (CPython's test_builtin
TestBreakpoint) gets the call and its arguments, sys.breakpointhook replaced and then
reset to sys.__breakpointhook__ goes back to pdb.set_trace."""
import os
import pdb
import sys
from unittest.mock import MagicMock, patch

os.environ.pop("PYTHONBREAKPOINT", None)
calls = []
original = pdb.set_trace
pdb.set_trace = lambda *a, **k: calls.append((a, k))
breakpoint()
breakpoint(1, x=2)
print(calls)
pdb.set_trace = original

with patch("pdb.set_trace") as mock:
    breakpoint()
print("patched:", mock.call_count, mock.call_args)

hook = MagicMock()
sys.breakpointhook = hook
breakpoint()
print("hook:", hook.call_count)
sys.breakpointhook = sys.__breakpointhook__
with patch("pdb.set_trace") as mock:
    breakpoint()
    print("after reset:", mock.call_count, hook.call_count)

os.environ["PYTHONBREAKPOINT"] = ""
with patch("pdb.set_trace") as mock:
    breakpoint()
print("empty PYTHONBREAKPOINT:", mock.call_count)
os.environ["PYTHONBREAKPOINT"] = "0"
with patch("pdb.set_trace") as mock:
    breakpoint()
print("PYTHONBREAKPOINT=0:", mock.call_count)
