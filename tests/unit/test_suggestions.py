"""runtime/suggestions.py against the host CPython's own C implementation.

CPython 3.11 computes "Did you mean" only in its C exception printer; the oracle here is
that printer (sys.__excepthook__) on an AttributeError whose object lists the candidates,
so every generated case is checked against CPython itself."""
import contextlib
import io
import re
import sys

from hypothesis import given, settings, strategies as st

from protojit.runtime.suggestions import suggestion

_DID_YOU_MEAN = re.compile(r"\. Did you mean: '(.*)'\?$", re.S)


class _Listing:
    def __init__(self, names):
        self._names = names

    def __dir__(self):
        return self._names


def cpython_suggestion(name, candidates):
    exc = AttributeError("x", name=name, obj=_Listing(candidates))
    out = io.StringIO()
    with contextlib.redirect_stderr(out):
        sys.__excepthook__(AttributeError, exc, None)
    m = _DID_YOU_MEAN.search(out.getvalue().rstrip("\n"))
    return m.group(1) if m else None


names = st.text(alphabet="abcAB_xyzé0", min_size=0, max_size=12)


@settings(max_examples=400, deadline=None)
@given(names, st.lists(names, max_size=12))
def test_same_suggestion_as_cpython(name, candidates):
    exc = AttributeError("x", name=name, obj=_Listing(candidates))
    assert suggestion(exc, None, None, None) == cpython_suggestion(name, candidates)


def test_long_names_and_many_candidates_as_cpython():
    base = "abcdefghij" * 3 + "k"
    for core in (base, base + "abcdefghij"):          # 33 and 43 bytes after trimming
        name, near = "x" + core + "y", "z" + core + "w"
        assert suggestion(AttributeError("x", name=name, obj=_Listing([near])), None, None, None) \
            == cpython_suggestion(name, [near])
    many = [f"name{i}" for i in range(760)]
    exc = AttributeError("x", name="name1x", obj=_Listing(many))
    assert suggestion(exc, None, None, None) == cpython_suggestion("name1x", many) is None


def test_name_error_tries_locals_then_globals_then_builtins():
    e = NameError("n", name="totl")
    assert suggestion(e, ("total",), {"tota": 1}, {}) == "total"
    assert suggestion(e, ("zzz",), {"tota": 1}, {"totl_": 1}) == "tota"
    assert suggestion(e, (), {}, {"totl_": 1}) == "totl_"
    assert suggestion(UnboundLocalError("n", name="totl"), ("total",), {}, {}) is None
