"""protojit: a tiered Python implementation written in Python.

Tier 0 is a closure-compiling interpreter (protojit.interp); tier 2 compiles
hot, type-stable functions to machine code through llvmlite
(protojit.codegen). See DESIGN.md for the layout and the data flow.
"""
__version__ = "0.1.0"
