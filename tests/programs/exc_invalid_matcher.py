# An except clause's type is checked before it is matched (CPython's
# check_except_type_valid): an exception class or a flat tuple of them, else TypeError,
# also when the exception would match an earlier item of the tuple; except* checks that
# first, then rejects ExceptionGroup (test_exceptions TestInvalidExceptionMatcher).


def catch(matcher, n=0):
    try:
        try:
            if n >= 0:
                raise ValueError(n)
        except matcher as e:
            return "caught " + repr(e)
    except TypeError as e:
        return "TypeError: " + str(e)
    return "nothing raised"


MATCHERS = [42, (ValueError, 42), (42, ValueError), (ValueError, (TypeError, 42)),
            (ValueError, "x"), [ValueError], ValueError, (ValueError, TypeError),
            (TypeError, ValueError), BaseException, (ValueError, None)]
for m in MATCHERS:
    print(repr(m), "->", catch(m))

# hot: the same sites compiled, then handed a bad matcher
seen = set()
for i in range(300):
    seen.add(catch((ValueError, TypeError), i))
print(len(seen))
for m in MATCHERS:
    print(repr(m), "->", catch(m, 7))
print("not raised:", catch((ValueError, 42), -1))


def star(matcher):
    result = "not caught"
    try:
        try:
            raise ExceptionGroup("g", [ValueError(1)])
        except* matcher:
            result = "caught"
    except TypeError as e:
        result = "TypeError: " + str(e)
    except ExceptionGroup as e:
        result = "left: " + repr(e)
    return result


for m in (ValueError, (ValueError, 42), ExceptionGroup, (ValueError, ExceptionGroup),
          (ExceptionGroup, 42), (ValueError, (TypeError,)), 42):
    print("except*", repr(m), "->", star(m))
