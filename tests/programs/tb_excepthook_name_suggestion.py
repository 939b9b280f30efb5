# A NameError caught in a function and printed by the host's own printer
# (sys.__excepthook__: CPython's C code reads the frame's code for co_varnames) offers
# the local the name is close to, as CPython's does, at every tier; a parameter, a
# local read by a closure (a cell: not in co_varnames) and a global too.
import sys

global_counter = 0


def f(parameter_one, *extra_args, **named_opts):
    counter_value = 1
    shared_cell = 2

    def inner():
        return shared_cell

    try:
        counter_valu
    except NameError as e:
        sys.__excepthook__(type(e), e, e.__traceback__)
    try:
        parameter_on
    except NameError as e:
        sys.__excepthook__(type(e), e, e.__traceback__)
    try:
        shared_cel
    except NameError as e:
        sys.__excepthook__(type(e), e, e.__traceback__)
    try:
        global_countr
    except NameError as e:
        sys.__excepthook__(type(e), e, e.__traceback__)
    return inner()


print(f(1))
g = lambda some_arg: some_ar
try:
    g(1)
except NameError as e:
    sys.__excepthook__(type(e), e, e.__traceback__)
print("end")
