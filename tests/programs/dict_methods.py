# dict methods: insertion order, views, update/merge operators, setdefault, pop, errors, fromkeys.
d = {'b': 1, 'a': 2}
d['c'] = 3
d['b'] = 10
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()), len(d))
print(d.get('a'), d.get('z'), d.get('z', 0), d.setdefault('a', 99), d.setdefault('n', []), d)
print(d.pop('n'), d.pop('zz', 'dflt'), d.popitem(), d)
try:
    d.pop('missing')
except KeyError as e:
    print('KeyError', e)
try:
    d['missing']
except KeyError as e:
    print('KeyError', e)
try:
    {}.popitem()
except KeyError as e:
    print('KeyError', e)
d.update({'x': 1}, y=2)
d.update([('z', 3)])
print(d)
print(d | {'a': 0}, {'q': 1} | d, dict.fromkeys('abc', 0), dict.fromkeys([1, 2]))
d |= {'w': 9}
print(d)
del d['x']
print('x' in d, 'y' in d, d.keys() & {'y', 'z'} == {'y', 'z'}, list(d.keys() - {'a'}))
k = d.keys()
d['new'] = 1
print(list(k), len(k))
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict(zip('ab', [1, 2])), dict({'a': 1}, b=2))
print({1: 'int', 1.0: 'float', True: 'bool'}, {(1, 2): 'tuple'}[(1, 2)], {None: 0}[None])
try:
    {[1]: 2}
except TypeError as e:
    print('TypeError', e)
try:
    for key in d:
        d['another'] = 1
except RuntimeError as e:
    print('RuntimeError', e)
print({k: v for k, v in sorted({'b': 2, 'a': 1}.items())}, sorted({'b': 2, 'a': 1}, key=lambda k: -ord(k)))
e = {}
e[1] = e
print(e, {1: 2} == {1: 2.0}, {1: 2} == {1: 3}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1})
print(list(reversed({'a': 1, 'b': 2})), d.copy() == d, d.copy() is d, dict().get(1, 'none'))
import collections
c = collections.Counter('abracadabra')
print(c.most_common(2), c['a'], c['z'])
dd = collections.defaultdict(list)
dd['x'].append(1)
print(dict(dd), collections.OrderedDict(a=1), list(collections.OrderedDict.fromkeys('cab')))
