#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""icu_breaks.py FANYE FILE W...: how many of the rows `fanye --render=W`
makes start where a greedy line breaker on ICU's break iterator (python3-icu,
ICU 72, Unicode 15) starts them, with the same widths (glibc wcwidth,
grapheme clusters whole, a word wider than the row cut at the last cluster
that fits).  Lines with tabs or controls are compared as they come; a line
whose rows cannot be matched back to it (leading spaces wider than the row)
is counted apart.  V=1 prints the rows that differ.  Not part of make check
(python3-icu is not needed to build or test fanye).  The README's figures:
    /usr/bin/python3 tests/bench/icu_breaks.py src/fanye FILE $(seq 10 120)
"""
ICU 72 line breaker using the same widths (glibc wcwidth, clusters whole)."""
import sys, subprocess, ctypes, locale, icu
locale.setlocale(locale.LC_ALL, 'C.UTF-8')
libc = ctypes.CDLL('libc.so.6'); libc.wcwidth.argtypes=[ctypes.c_wchar]
def w(s): return sum(max(libc.wcwidth(c), 0) for c in s)
import os
VERB = os.environ.get('V')
fanye, path = sys.argv[1], sys.argv[2]
text = open(path, encoding='utf-8').read()
lines = text.split('\n')
lb = icu.BreakIterator.createLineInstance(icu.Locale('zh'))
gb = icu.BreakIterator.createCharacterInstance(icu.Locale('zh'))
def bounds(it, s):
    it.setText(s); out=[]; b=it.first()
    while True:
        b = it.nextBoundary()
        if b == -1: break
        out.append(b)
    return out
def u16_to_idx(s):
    # map UTF-16 offsets to python indexes
    m={}; o=0
    for i,c in enumerate(s):
        m[o]=i; o += 2 if ord(c)>0xFFFF else 1
    m[o]=len(s); return m
def icu_rows(s, W):
    m = u16_to_idx(s)
    opps = [m[b] for b in bounds(lb, s) if b in m]
    clus = set(m[b] for b in bounds(gb, s) if b in m)
    rows=[]; start=0
    while start < len(s):
        best=None
        for o in opps:
            if o <= start: continue
            if w(s[start:o].rstrip(' ')) <= W: best=o
            else: break
        if best is None:
            # forced: the longest run of whole clusters that fits (at least one)
            best = None
            for c in sorted(clus):
                if c <= start: continue
                if w(s[start:c]) <= W or best is None: best = c if (w(s[start:c]) <= W or best is None) else best
                if w(s[start:c]) > W: break
        rows.append(start); start = best
    return rows
def fanye_rows(s, rendered):
    # rendered rows of one line: find each row's start in s
    rows=[]; pos=0
    for r in rendered:
        r = r.rstrip(' ')
        while pos < len(s) and s[pos]==' ' and not r.startswith(' '): pos+=1
        if not s.startswith(r, pos): return None
        rows.append(pos); pos += len(r)
    return rows
tot=agree=bad=0
for W in map(int, sys.argv[3:]):
    out = subprocess.run([fanye, '--render=%d'%W, '--format=plain', path], capture_output=True, text=True).stdout.split('\n')
    k=0
    for s in lines:
        s2 = s.rstrip('\r')
        if '\t' in s2 or any(ord(c)<32 for c in s2): 
            # skip lines with tabs/controls
            n = len(fanye_rows(s2, []) or [])
        if s2 == '':
            k += 1; continue
        # take rendered rows until they cover s2
        rr=[]; cov=0
        while k < len(out):
            rr.append(out[k]); k+=1
            fr = fanye_rows(s2, rr)
            if fr is None: break
            if sum(len(x.rstrip(' ')) for x in rr) >= len(s2.replace(' ','')) and ''.join(x for x in rr).replace(' ','') == s2.replace(' ',''): break
        fr = fanye_rows(s2, rr)
        if fr is None:
            bad+=1
            if os.environ.get('U') and bad < 4: print('UNMATCHED', repr(s2), rr)
            continue
        ir = icu_rows(s2, W)
        fs, is_ = set(fr), set(ir)
        tot += len(fs|is_); agree += len(fs&is_)
        if fs != is_ and VERB: print('W=%d' % W, [s2[a:b] for a,b in zip(fr, fr[1:]+[len(s2)])], '\n   ICU', [s2[a:b] for a,b in zip(ir, ir[1:]+[len(s2)])])
print("%s widths %s: %d of %d row starts agree (%.3f%%), %d lines not matched" % (path, sys.argv[3]+'..'+sys.argv[-1], agree, tot, 100.0*agree/max(tot,1), bad))
