# printf-style % formatting for str and bytes.
print('%d %i %u' % (42, -7, 3), '%5d|%-5d|%05d|%+d|% d' % (42, 42, 42, 42, 42))
print('%s %r %a' % ('hé', 'hé', 'hé'), '%c%c' % (65, 'z'), '%%')
print('%x %X %o %#x %#o %#X' % (255, 255, 8, 255, 8, 255))
print('%f %.2f %10.3f %-10.1f| %e %.3E %g %G %g' % (3.14159, 2.675, 1.5, -2.25, 12345.678, 0.00012, 1e-5, 1e20, 100.0))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 7}, '%s' % [1, 2], '%s' % ((1, 2),))
print('%*d|%-*.*f' % (6, 7, 8, 2, 3.14159), '%.3s' % 'abcdef', '%5s|%-5s|' % ('ab', 'cd'))
print('%d' % 3.99, '%s' % None, '%r' % (1.0,), '%i' % True, '%.0f %.0f %.0f' % (0.5, 1.5, 2.5))
print(b'%s %d %x %b' % (b'by', 5, 255, b'tes'), b'%c' % 65, b'%5.2f' % 1.234)
for fmt, args in [('%d', 'x'), ('%d %d', (1,)), ('%d', (1, 2)), ('%z', 1), ('%(a)s', 5), ('%c', 'ab')]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print('%s and %s' % ('a', 'b'), '%-6.2f|' % 3.14159, '%+.1e' % -12345.0, '%#.3g' % 1.0)
