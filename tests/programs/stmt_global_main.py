# `global` at module level (allowed, no effect), global/nonlocal in functions, and the __main__ guard.
global counter
counter = 0
global a, b
a = b = 'module'


def bump():
    global counter
    counter += 1
    return counter


def make_global():
    global created_later
    created_later = 'made in function'


bump()
bump()
make_global()
print(counter, created_later, a, b)


def shadow():
    counter = 'local'
    return counter


print(shadow(), counter)


class K:
    global class_made
    class_made = 'from class body'
    counter = 'class attr'

    def method(self):
        return counter


print(class_made, K.counter, K().method())


def outer():
    x = 'outer'

    def inner():
        global x
        x = 'global x'
    inner()
    return x


print(outer(), x)
print(__name__)


def main():
    print('main runs because __name__ is', repr(__name__))
    return 0


if __name__ == '__main__':
    main()
else:
    print('imported')
print(globals()['counter'], 'bump' in globals(), type(globals()).__name__)
