# Infinite generators consumed with itertools (islice, takewhile, count, cycle, chain, accumulate...).
import itertools


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def primes():
    found = []
    for n in itertools.count(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n


print(list(itertools.islice(naturals(), 5)), list(itertools.islice(naturals(), 2, 10, 3)))
print(list(itertools.islice(primes(), 15)))
print(list(itertools.takewhile(lambda x: x < 6, naturals())), next(itertools.dropwhile(lambda x: x < 100, naturals())))
print(list(itertools.islice(itertools.cycle('ab'), 5)), list(itertools.repeat('z', 3)))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([3, 1, 4], max)), list(itertools.chain('ab', [1])))
print(list(itertools.product('ab', repeat=2)), list(itertools.permutations([1, 2, 3], 2)), list(itertools.combinations('abcd', 2)))
print([(k, list(g)) for k, g in itertools.groupby('aaabccdd')], list(itertools.zip_longest('ab', 'xyz', fillvalue='-')))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.compress('abcd', [1, 0, 1, 0])), list(itertools.pairwise('abcd')))
evens = (n for n in naturals() if n % 2 == 0)
print(next(evens), next(evens), list(itertools.islice(evens, 3)))
a, b = itertools.tee(iter([1, 2, 3]))
print(list(a), list(b), list(itertools.chain.from_iterable([[1], [2, 3]])))
squares = map(lambda x: x * x, naturals())
print(list(itertools.islice(squares, 4)), list(itertools.islice(zip(naturals(), 'xyz'), 5)))
print(list(itertools.combinations_with_replacement('ab', 2)), list(itertools.filterfalse(None, [0, 1, '', 'a'])))
