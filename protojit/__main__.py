"""`python -m protojit` is the `protojit` command."""
from protojit.cli import entry

entry()
