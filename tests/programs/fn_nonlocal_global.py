# nonlocal and global: rebinding through nested scopes, errors for undefined names.
counter = 0


def bump():
    global counter
    counter += 1


bump()
bump()
print(counter)


def define_global():
    global brand_new
    brand_new = 'made in function'


define_global()
print(brand_new)


def outer():
    x = 1

    def mid():
        nonlocal x
        x += 1

        def inner():
            nonlocal x
            x *= 10
        inner()
    mid()
    return x


print(outer())
x = 'global x'


def shadow():
    x = 'local x'

    def inner():
        global x
        return x
    return inner(), x


print(shadow())


def read_global():
    return x


print(read_global())


def unbound():
    print(x)
    x = 1


try:
    unbound()
except UnboundLocalError as e:
    print('UnboundLocalError', e)


def undefined():
    return not_defined_anywhere


try:
    undefined()
except NameError as e:
    print('NameError', e)


def del_local():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return 'UnboundLocalError ' + str(e)


print(del_local())


def closure_del():
    z = 1

    def r():
        return z
    del z
    try:
        r()
    except NameError as e:
        print('NameError', e)


closure_del()


class K:
    attr = 'class attr'

    def m(self):
        try:
            return attr
        except NameError as e:
            return 'NameError ' + str(e)


print(K().m())
for name in ['counter', 'brand_new']:
    print(name, globals()[name])
