# bytes and bytearray: literals, methods, mutation, conversions, errors.
b = b'Hello\x00\xff'
print(b, len(b), b[0], b[-1], b[1:3], list(b[:3]), bytes(3), bytes([65, 66]), bytes(range(5)))
print(b'abc'.upper(), b'a,b'.split(b','), b'-'.join([b'x', b'y']), b'  x '.strip(), b'abc'.find(b'c'))
print(b'abc'.hex(), bytes.fromhex('de ad be ef'), b'abc'.decode(), b'\xc3\xa9'.decode('utf-8'), b'ab'.replace(b'a', b'z'))
print(b'abc' + b'def', b'ab' * 3, b'a' in b'cab', b'abc' == bytearray(b'abc'), b'abc' < b'abd')
try:
    b'\xff'.decode('utf-8')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
print(b'\xff'.decode('utf-8', 'replace'), b'\xff'.decode('latin-1'), b'ab\xff'.decode('ascii', 'ignore'))
ba = bytearray(b'hello')
ba[0] = 72
ba.append(33)
ba.extend(b'??')
ba[1:3] = b'EE'
del ba[-1]
print(ba, len(ba), ba.pop(), ba, bytes(ba), ba.decode())
ba.insert(0, 95)
ba.reverse()
print(ba, ba.count(b'l'), ba.index(b'E'))
try:
    ba[0] = 256
except ValueError as e:
    print('ValueError', e)
try:
    b'abc'[0] = 1
except TypeError as e:
    print('TypeError', e)
try:
    bytes('abc')
except TypeError as e:
    print('TypeError', e)
print(bytes('abc', 'utf-8'), repr(b"q'\""), b'%d' % 5, b'x'.isalpha(), b'12'.isdigit(), b'Ab'.swapcase())
print(int.from_bytes(b'\x01\x00', 'little'), (258).to_bytes(2, 'big'), b'abc'.startswith(b'ab'), memoryview(b'xyz')[1])
print(bytearray(3), bytearray([1, 2]) + b'\x03', b'a b  c'.split(), b'x=1'.partition(b'='), b'abc'.center(7, b'*'))
print([c for c in b'hi'], b''.join([b'a', bytearray(b'b')]), bytes.maketrans(b'a', b'b'), b'aa'.translate(bytes.maketrans(b'a', b'b')))
