# str methods in passing: split/join/strip/find/replace/case/predicates/partition/encode.
s = '  Hello, World  '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr('xxhixx'.strip('x')))
print('a,b,,c'.split(','), 'a b  c'.split(), 'a,b,c'.split(',', 1), 'a,b,c'.rsplit(',', 1), ''.split(), ''.split(','))
print('l1\nl2\r\nl3'.splitlines(), 'l1\nl2\n'.splitlines(True), '-'.join(['a', 'b', 'c']), ''.join([]))
print('hello'.find('l'), 'hello'.rfind('l'), 'hello'.find('z'), 'hello'.index('e'), 'hello'.count('l'), 'aaaa'.count('aa'))
try:
    'hello'.index('z')
except ValueError as e:
    print('ValueError', e)
print('hello'.replace('l', 'L'), 'hello'.replace('l', 'L', 1), 'abc'.replace('', '-'))
print('abc'.upper(), 'ABC'.lower(), 'hello world'.title(), 'hello World'.capitalize(), 'AbC'.swapcase(), 'ß'.upper(), 'ǅ'.casefold())
print('abc'.isalpha(), 'abc1'.isalnum(), '123'.isdigit(), ' \t'.isspace(), 'Abc'.istitle(), 'abc'.islower(), ''.isupper(), '٣'.isdecimal(), 'x1'.isidentifier())
print('a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'abc'.partition('z'), 'pre_x'.removeprefix('pre_'), 'x.py'.removesuffix('.py'))
print('hello'.startswith('he'), 'hello'.endswith(('lo', 'x')), 'hello'.startswith('l', 2), 'a\tb'.expandtabs(4))
print('héllo'.encode(), 'héllo'.encode('latin-1'), 'abc'.encode('ascii'), len('héllo'), len('héllo'.encode()))
try:
    'é'.encode('ascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
print(str.maketrans('ab', 'xy'), 'aabbc'.translate(str.maketrans('ab', 'xy', 'c')), 'x'.join('abc'))
print('abc' * 2, 3 * 'z', 'abc' + 'def', 'b' in 'abc', 'abc'[1], 'abc'[-1], min('bca'), sorted('bca'), 'abc' < 'abd')
print(str(123), str(1.5), str([1, 'a']), repr('it\'s "q"'), repr('\n\t\x00\u1234'), ascii('ü'), str(b'x'))
print(ord('a'), chr(0x1F600) == '\U0001F600', 'abc'.zfill(6), 'Ab'.center(6, '*'), '{}'.format('f'))
print('one two three'.split(maxsplit=1), '  a  '.split(' '), 'a\u2003b'.split(), 'mississippi'.split('ss'))
print(list(reversed('abc')), ''.join(sorted('hello', reverse=True)), 'x'.isascii(), 'é'.isascii())
print(len(''), str(), 'ab'.__len__(), 'abc'.__contains__('b'), 'AbC'.lower() == 'abc')
