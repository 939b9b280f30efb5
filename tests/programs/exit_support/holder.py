"""A module that holds an object of the program's (exit_del_other_module.py)."""
held = []
LABEL = "holder's global"


class Keeper:
    def __init__(self, item):
        self.item = item
