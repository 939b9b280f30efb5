"""Finalizers of a module the program imports (exit_finalizers.py)."""
import sys


class Noisy:
    def __init__(self, name, stream=None):
        self.name = name
        self.stream = stream

    def __del__(self):
        print("del", self.name, file=self.stream)    # None: stdout (no module global needed)


# Its finalizer prints to stderr: when CPython clears this module relative to __main__
# depends on the environment (a clean venv clears it after __main__, the system
# interpreter before), so its line is compared on its own stream, not in stdout's order.
kept = Noisy("kept by exit_support", sys.stderr)
