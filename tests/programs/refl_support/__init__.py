"""Helpers imported by the refl_* programs (not a program itself)."""
