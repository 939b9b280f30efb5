"""The match statement: each pattern becomes `match(frame, subject, captures) -> bool`,
appending (store, value) for each capture to `captures`; a case stores them once its
whole pattern matched.
"""
from __future__ import annotations

import ast
import collections.abc

_MISSING = object()
_SELF_MATCHING = (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple)


def transform_Match(c, node):
    subject = c.expr(node.subject)
    cases = []
    for case in node.cases:
        match, guard = compile_case(c, case)
        cases.append((match, guard, c.block(case.body)))

    def run_match(f):
        s = subject(f)
        for match, guard, body in cases:
            if match(f, s) and (guard is None or guard(f)):
                return body(f)
    return run_match


def compile_case(c, case):
    """(match(frame, subject) -> bool, guard or None). As CPython 3.11's compiler, the
    pattern's captures are stored only once the whole pattern has matched (before the
    guard runs: a failing guard leaves them bound)."""
    match = pattern(c, case.pattern)

    def match_case(f, s):
        caps = []
        if not match(f, s, caps):
            return False
        for store, value in caps:
            store(f, value)
        return True
    return match_case, (c.expr(case.guard) if case.guard is not None else None)


def _match_or(alts):
    def match_or(f, s, caps):
        for m in alts:
            mine = []
            if m(f, s, mine):
                caps.extend(mine)
                return True
        return False
    return match_or


def pattern(c, p):
    kind = type(p)
    if kind is ast.MatchValue:
        value = c.expr(p.value)
        return lambda f, s, caps: s == value(f)
    if kind is ast.MatchSingleton:
        v = p.value
        return lambda f, s, caps: s is v
    if kind is ast.MatchAs:
        return _match_as(c, p)
    if kind is ast.MatchOr:
        alts = [pattern(c, x) for x in p.patterns]
        return _match_or(alts)
    if kind is ast.MatchSequence:
        return _match_sequence(c, p)
    if kind is ast.MatchMapping:
        return _match_mapping(c, p)
    if kind is ast.MatchClass:
        return _match_class(c, p)
    raise c.unsupported(f"the pattern {kind.__name__}", p)


def _match_as(c, p):
    store = c.store(ast.Name(p.name, ast.Store())) if p.name else None
    sub = pattern(c, p.pattern) if p.pattern is not None else None
    if sub is None:
        if store is None:
            return lambda f, s, caps: True

        def capture(f, s, caps):
            caps.append((store, s))
            return True
        return capture

    def match_as(f, s, caps):
        if not sub(f, s, caps):
            return False
        if store is not None:
            caps.append((store, s))
        return True
    return match_as


# MATCH_SEQUENCE/MATCH_MAPPING test the subject's type flags (Py_TPFLAGS_SEQUENCE,
# Py_TPFLAGS_MAPPING): inherited from the first base that has one, set on registration
# with collections.abc.Sequence/Mapping (str, bytes and bytearray have neither).
_TPFLAGS_SEQUENCE = 1 << 5
_TPFLAGS_MAPPING = 1 << 6


def _is_sequence(s):
    return type(s).__flags__ & _TPFLAGS_SEQUENCE != 0


def _is_mapping(s):
    return type(s).__flags__ & _TPFLAGS_MAPPING != 0


def _is_wildcard(p) -> bool:
    return type(p) is ast.MatchAs and p.pattern is None and p.name is None


def _match_sequence(c, p):
    """CPython 3.11's three ways (compiler_pattern_sequence): only wildcards (`[_, *_]`)
    look at the length alone; a `*_` star reads the other items by index (those after it
    at len(s) - k, len called for each); otherwise the subject is unpacked as by
    UNPACK_SEQUENCE/UNPACK_EX (iterated whole) and the items then matched in order."""
    pats = p.patterns
    n = len(pats)
    stars = [i for i, x in enumerate(pats) if isinstance(x, ast.MatchStar)]
    k = stars[0] if stars else None
    if k is None:
        def length_ok(s):
            return len(s) == n
    elif n == 1:
        def length_ok(s):       # `[*x]`: no length test (len is not called)
            return True
    else:
        def length_ok(s):
            return len(s) >= n - 1
    subs = [None if _is_wildcard(x) or i == k else pattern(c, x) for i, x in enumerate(pats)]
    if all(m is None for m in subs) and (k is None or pats[k].name is None):
        return lambda f, s, caps: _is_sequence(s) and length_ok(s)
    if k is not None and pats[k].name is None:
        def match_seq_subscript(f, s, caps):
            if not _is_sequence(s) or not length_ok(s):
                return False
            for i, m in enumerate(subs):
                if m is not None and not m(f, s[i] if i < k else s[len(s) - (n - i)], caps):
                    return False
            return True
        return match_seq_subscript
    store = c.store(ast.Name(pats[k].name, ast.Store())) if k is not None else None

    def match_seq_unpack(f, s, caps):
        if not _is_sequence(s) or not length_ok(s):
            return False
        if k is None:
            items = _unpack(s, n)
        else:
            items = list(s)
            if len(items) < n - 1:
                raise ValueError(f"not enough values to unpack (expected at least {n - 1}, "
                                 f"got {len(items)})")
            rest = n - k - 1
            items = items[:k] + [items[k:len(items) - rest]] + items[len(items) - rest:]
        for i, m in enumerate(subs):
            if i == k:
                caps.append((store, items[i]))
            elif m is not None and not m(f, items[i], caps):
                return False
        return True
    return match_seq_unpack


def _unpack(s, n):
    """UNPACK_SEQUENCE of n items: the whole iteration, with its count errors."""
    if type(s) in (list, tuple):
        items = list(s)
    else:
        it = iter(s)
        items = []
        for item in it:
            items.append(item)
            if len(items) > n:
                raise ValueError(f"too many values to unpack (expected {n})")
    if len(items) < n:
        raise ValueError(f"not enough values to unpack (expected {n}, got {len(items)})")
    if len(items) > n:
        raise ValueError(f"too many values to unpack (expected {n})")
    return items


def _match_mapping(c, p):
    keys = [c.expr(k) for k in p.keys]
    subs = [pattern(c, x) for x in p.patterns]
    rest = c.store(ast.Name(p.rest, ast.Store())) if p.rest else None

    def match_mapping(f, s, caps):
        if not _is_mapping(s):
            return False
        seen = []
        for kev, m in zip(keys, subs):
            k = kev(f)
            if k in seen:
                raise ValueError(f"mapping pattern checks duplicate key ({k!r})")
            seen.append(k)
            v = s.get(k, _MISSING)
            if v is _MISSING or not m(f, v, caps):
                return False
        if rest is not None:
            d = dict(s)
            for k in seen:
                del d[k]
            caps.append((rest, d))
        return True
    return match_mapping


def _match_class(c, p):
    cls_ev = c.expr(p.cls)
    pos = [pattern(c, x) for x in p.patterns]
    kw = [(name, pattern(c, x)) for name, x in zip(p.kwd_attrs, p.kwd_patterns)]
    matchers = pos + [m for _, m in kw]

    def match_class(f, s, caps):
        cls = cls_ev(f)
        if not isinstance(cls, type):
            raise TypeError("called match pattern must be a type")
        if not isinstance(s, cls):
            return False
        # As CPython's MATCH_CLASS: fetch every attribute first, then match the sub-patterns.
        subjects = []
        seen = []
        if pos:
            match_args = getattr(cls, "__match_args__", _MISSING)
            if match_args is not _MISSING:
                if not isinstance(match_args, tuple):
                    raise TypeError(f"{cls.__name__}.__match_args__ must be a tuple (got "
                                    f"{type(match_args).__name__})")
                allowed, match_self = len(match_args), False
            else:
                match_self = issubclass(cls, _SELF_MATCHING)
                allowed = 1 if match_self else 0
            if len(pos) > allowed:
                raise TypeError(f"{cls.__name__}() accepts {allowed} positional sub-pattern"
                                f"{'' if allowed == 1 else 's'} ({len(pos)} given)")
            if match_self:
                subjects.append(s)
            else:
                for name in match_args[:len(pos)]:
                    if not isinstance(name, str):
                        raise TypeError(f"__match_args__ elements must be strings (got {type(name).__name__})")
                    if name in seen:
                        raise TypeError(f"{cls.__name__}() got multiple sub-patterns for attribute {name!r}")
                    seen.append(name)
                    v = getattr(s, name, _MISSING)
                    if v is _MISSING:
                        return False
                    subjects.append(v)
        for name, _ in kw:
            if name in seen:
                raise TypeError(f"{cls.__name__}() got multiple sub-patterns for attribute {name!r}")
            seen.append(name)
            v = getattr(s, name, _MISSING)
            if v is _MISSING:
                return False
            subjects.append(v)
        for m, v in zip(matchers, subjects):
            if not m(f, v, caps):
                return False
        return True
    return match_class
