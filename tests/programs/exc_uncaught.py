# An uncaught exception: output before it is kept, the exit code is 1, stderr ends "ExcType: message".
class AppError(Exception):
    def __init__(self, code, what):
        super().__init__(f'{what} (code {code})')
        self.code = code


def load(name):
    if not name.endswith('.cfg'):
        raise AppError(7, f'bad config name {name!r}')
    return name


print('loading', load('a.cfg'))
try:
    load('b.txt')
except AppError as e:
    print('handled', e.code, e)
print('now failing for real', flush=True)
load('c.ini')
print('not reached')
