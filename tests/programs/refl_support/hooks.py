"""A breakpoint hook named by PYTHONBREAKPOINT in refl_breakpoint.py."""
calls = []


def record(*args, **kwargs):
    calls.append((args, sorted(kwargs.items())))
    return "hook result"
