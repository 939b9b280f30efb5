"""Closures that load, store and delete names, one factory per NameKind.

The front end decided how each name resolves (protojit.frontend.code.NameKind);
here each decision becomes a small closure over the frame.
"""
from __future__ import annotations

from protojit.frontend.code import NameKind

from protojit.frames import F_BUILTINS, F_GLOBALS, F_LOCALS_DICT, UNBOUND

_MISSING = object()


def unbound_local(name: str) -> UnboundLocalError:
    return UnboundLocalError(f"cannot access local variable '{name}' where it is not associated with a value")


def name_error(name: str) -> NameError:
    return NameError(f"name '{name}' is not defined", name=name)


def free_error(name: str) -> NameError:
    return NameError(f"cannot access free variable '{name}' where it is not associated with a value"
                     " in enclosing scope", name=name)


def load_global_value(frame, name):
    v = frame[F_GLOBALS].get(name, _MISSING)
    if v is _MISSING:
        v = frame[F_BUILTINS].get(name, _MISSING)
        if v is _MISSING:
            raise name_error(name)
    return v


def _mapping_get(ns, name):
    """Lookup in a non-dict namespace (a metaclass __prepare__ mapping): KeyError means absent."""
    try:
        return ns[name]
    except KeyError:
        return _MISSING


def make_load(code, name: str, always_bound: bool = False):
    kind = code.kind_of(name)
    if kind is NameKind.FAST:
        i = code.slot(name)
        if always_bound:
            return lambda frame: frame[i]

        def load_fast(frame):
            v = frame[i]
            if v is UNBOUND:
                raise unbound_local(name)
            return v
        return load_fast
    if kind in (NameKind.CELL, NameKind.FREE):
        i = code.slot(name)
        err = unbound_local if kind is NameKind.CELL else free_error

        def load_deref(frame):
            try:
                return frame[i].cell_contents
            except ValueError:
                pass
            raise err(name)
        return load_deref
    if kind is NameKind.GLOBAL:
        def load_global(frame):
            v = frame[F_GLOBALS].get(name, _MISSING)
            if v is _MISSING:
                v = frame[F_BUILTINS].get(name, _MISSING)
                if v is _MISSING:
                    raise name_error(name)
            return v
        return load_global
    if kind is NameKind.CLASSDEREF:
        i = code.slot(name)

        def load_classderef(frame):
            v = frame[F_LOCALS_DICT].get(name, _MISSING)
            if v is not _MISSING:
                return v
            try:
                return frame[i].cell_contents
            except ValueError:
                pass
            raise free_error(name)
        return load_classderef

    def load_name(frame):
        ns = frame[F_LOCALS_DICT]
        v = ns.get(name, _MISSING) if type(ns) is dict else _mapping_get(ns, name)
        if v is not _MISSING:
            return v
        v = frame[F_GLOBALS].get(name, _MISSING)
        if v is _MISSING:
            v = frame[F_BUILTINS].get(name, _MISSING)
            if v is _MISSING:
                raise name_error(name)
        return v
    return load_name


def make_store(code, name: str):
    kind = code.kind_of(name)
    if kind is NameKind.FAST:
        i = code.slot(name)

        def store_fast(frame, value):
            frame[i] = value
        return store_fast
    if kind in (NameKind.CELL, NameKind.FREE, NameKind.CLASSDEREF):   # (a class's nonlocal)
        i = code.slot(name)

        def store_deref(frame, value):
            frame[i].cell_contents = value
        return store_deref
    if kind is NameKind.GLOBAL:
        def store_global(frame, value):
            frame[F_GLOBALS][name] = value
        return store_global

    def store_name(frame, value):
        frame[F_LOCALS_DICT][name] = value
    return store_name


def make_delete(code, name: str):
    kind = code.kind_of(name)
    if kind is NameKind.FAST:
        i = code.slot(name)

        def delete_fast(frame):
            if frame[i] is UNBOUND:
                raise unbound_local(name)
            frame[i] = UNBOUND
        return delete_fast
    if kind in (NameKind.CELL, NameKind.FREE, NameKind.CLASSDEREF):
        i = code.slot(name)

        err = unbound_local if kind is NameKind.CELL else free_error

        def delete_deref(frame):
            cell = frame[i]
            try:
                cell.cell_contents      # (deleting an empty cell's contents raises nothing)
            except ValueError:
                raise err(name) from None
            del cell.cell_contents
        return delete_deref
    if kind is NameKind.GLOBAL:
        def delete_global(frame):
            if name not in frame[F_GLOBALS]:
                raise name_error(name)
            del frame[F_GLOBALS][name]
        return delete_global

    def delete_name(frame):
        ns = frame[F_LOCALS_DICT]
        if name not in ns:
            raise name_error(name)
        del ns[name]
    return delete_name
