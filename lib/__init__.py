"""protojit's guest standard library.

Modules here run under protojit (they are *guest* code) and shadow the host
standard library modules of the same name. This file only makes the folder
installable as package data (`protojit.lib`); guest code never imports it.
"""
