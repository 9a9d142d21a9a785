# Python `re` harness for the pylogrx engine protocol (see pcre2.c).
import re
import sys

lines = sys.stdin.buffer.read().decode('utf-8').split('\n')
if len(lines) < 2:
    sys.exit('no regex line')
try:
    regex = re.compile(lines[0])
except re.error as e:
    sys.exit(f'{e}')
out = []
for subject in lines[1:-1]:
    m = regex.search(subject)
    if m is None:
        out.append('-')
    else:
        out.append(' '.join(':~' if g is None else ':' + g.encode('utf-8').hex() for g in m.groups()))
sys.stdout.buffer.write(''.join(line + '\n' for line in out).encode('utf-8'))
