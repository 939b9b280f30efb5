"""The match statement: each pattern becomes `match(frame, subject) -> bool`.

Captures are stored as the pattern matches (CPython also leaves bindings of a
failed case in place). Sequence and mapping tests use the collections.abc
classes, as PEP 634 specifies.
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
    return pattern(c, case.pattern), (c.expr(case.guard) if case.guard is not None else None)


def pattern(c, p):
    kind = type(p)
    if kind is ast.MatchValue:
        value = c.expr(p.value)
        return lambda f, s: s == value(f)
    if kind is ast.MatchSingleton:
        v = p.value
        return lambda f, s: s is v
    if kind is ast.MatchAs:
        return _match_as(c, p)
    if kind is ast.MatchOr:
        alts = [pattern(c, x) for x in p.patterns]
        return lambda f, s: any(m(f, s) for m in alts)
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
            return lambda f, s: True

        def capture(f, s):
            store(f, s)
            return True
        return capture

    def match_as(f, s):
        if not sub(f, s):
            return False
        if store is not None:
            store(f, s)
        return True
    return match_as


def _is_sequence(s):
    return isinstance(s, collections.abc.Sequence) and not isinstance(s, (str, bytes, bytearray))


def _match_sequence(c, p):
    star = [i for i, x in enumerate(p.patterns) if isinstance(x, ast.MatchStar)]
    n = len(p.patterns)
    if not star:
        subs = [pattern(c, x) for x in p.patterns]

        def match_seq(f, s):
            if not _is_sequence(s) or len(s) != n:
                return False
            for m, item in zip(subs, s):
                if not m(f, item):
                    return False
            return True
        return match_seq
    k = star[0]
    before = [pattern(c, x) for x in p.patterns[:k]]
    after = [pattern(c, x) for x in p.patterns[k + 1:]]
    star_name = p.patterns[k].name
    store = c.store(ast.Name(star_name, ast.Store())) if star_name else None

    def match_seq_star(f, s):
        if not _is_sequence(s) or len(s) < n - 1:
            return False
        items = list(s)
        for m, item in zip(before, items[:k]):
            if not m(f, item):
                return False
        tail = items[len(items) - len(after):] if after else []
        for m, item in zip(after, tail):
            if not m(f, item):
                return False
        if store is not None:
            store(f, items[k:len(items) - len(after)])
        return True
    return match_seq_star


def _match_mapping(c, p):
    keys = [c.expr(k) for k in p.keys]
    subs = [pattern(c, x) for x in p.patterns]
    rest = c.store(ast.Name(p.rest, ast.Store())) if p.rest else None

    def match_mapping(f, s):
        if not isinstance(s, collections.abc.Mapping):
            return False
        seen = []
        for kev, m in zip(keys, subs):
            k = kev(f)
            if k in seen:
                raise ValueError(f"mapping pattern checks duplicate key ({k!r})")
            seen.append(k)
            v = s.get(k, _MISSING)
            if v is _MISSING or not m(f, v):
                return False
        if rest is not None:
            d = dict(s)
            for k in seen:
                del d[k]
            rest(f, d)
        return True
    return match_mapping


def _match_class(c, p):
    cls_ev = c.expr(p.cls)
    pos = [pattern(c, x) for x in p.patterns]
    kw = [(name, pattern(c, x)) for name, x in zip(p.kwd_attrs, p.kwd_patterns)]
    matchers = pos + [m for _, m in kw]

    def match_class(f, s):
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
            if not m(f, v):
                return False
        return True
    return match_class
