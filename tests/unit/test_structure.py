"""The engine's structure: the frame layout that the hot call paths write out by hand."""
from protojit.frames import (F_BACK, F_BUILTINS, F_CODE, F_FUNCTION, F_GLOBALS, F_LINENO,
                             F_LOCALS_DICT, F_RETVAL, F_VIEW, HEADER)

FRAMES_SRC = """
import sys

def one(a):
    return sys._getframe()

def two(a, b):
    return sys._getframe()

def three(a, b, c):
    return sys._getframe()

def defaults(a, b=2):
    return sys._getframe()

def cell(a):
    def inner():
        return a
    return sys._getframe()
"""


def test_every_invoke_builds_the_frame_layout(guest):
    """runtime/function.py builds frames as list displays (one per argument-count entry);
    each must put every header item where protojit/frames.py says it is."""
    g = guest(FRAMES_SRC)
    for name, args in (("one", (1,)), ("two", (1, 2)), ("three", (1, 2, 3)),
                       ("defaults", (1,)), ("cell", (1,))):
        fn = g[name]
        view = fn(*args)
        f = view.frame
        assert f[F_CODE] is fn.code, name
        assert f[F_GLOBALS] is g, name
        assert f[F_BUILTINS] is fn.builtins, name
        assert f[F_LOCALS_DICT] is None, name
        assert f[F_BACK] is None or type(f[F_BACK]) is list, name
        assert "sys._getframe()" in FRAMES_SRC.splitlines()[f[F_LINENO] - 1], name
        assert f[F_FUNCTION] is fn, name
        assert f[F_RETVAL] in (None, view), name       # the return statement stores its value
        assert f[F_VIEW] is view, name
        params = f[HEADER:HEADER + len(args)]
        if name == "cell":
            params = [c.cell_contents for c in params]
        assert list(params) == list(args), name
