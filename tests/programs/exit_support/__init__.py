"""Finalizers of a module the program imports (exit_finalizers.py)."""


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


kept = Noisy("kept by exit_support")
