"""The closure compiler: GuestCode -> a tree of Python closures (tier 0).

In: a GuestCode from the front end (frontend/scope.py). Out: closures over frames
(protojit/frames.py), through `Compiler` (builder.py: the state of one scope and
the dispatcher). This module is the top of interp: it imports every topic module
(expressions.py, statements.py, functions.py, patterns.py, generators.py) and fills
the dispatch tables from their `transform_<Node>` functions, plus the generator
mode's Temp node; the topic modules import builder.py, never this module.
"""
from __future__ import annotations

import ast

from . import expressions, functions, generators, patterns, statements
from .builder import _EXPR, _STMT, Compiler, Unsupported, finish_layout
from .functions import compile_function_body

__all__ = ["Compiler", "Unsupported", "compile_function_body", "finish_layout"]


def _table(*modules, prefix="transform_"):
    table = {}
    for module in modules:
        for name in dir(module):
            if name.startswith(prefix):
                node_type = getattr(ast, name[len(prefix):], None)
                if node_type is not None:
                    table[node_type] = getattr(module, name)
    return table


_EXPR.update(_table(expressions, functions))
_EXPR[generators.Temp] = expressions.transform_Temp     # the generator mode's hidden-slot reads
_STMT.update(_table(statements, functions, patterns))
