"""Shared pytest setup: the guest programs under tests/programs/ are data, not tests."""

# tests/programs/ holds guest programs (and packages they import) that
# tests/test_programs.py runs as subprocesses; pytest must never import them.
collect_ignore = ["programs"]
