# An uncaught exception raised while handling another: exit 1, the last stderr line is the outer one.
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise LookupError(f'no number in {text!r}') from e


print(parse('12'))
data = {'a': 1}
try:
    data['b']
except KeyError:
    parse('zz')
