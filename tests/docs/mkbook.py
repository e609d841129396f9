#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# mkbook.py DIR OUT: zips an EPUB's tree as a book is zipped: "mimetype"
# first and stored, the rest deflated, in name order (so the zip is the
# same every time).
import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
names = []
for root, dirs, files in os.walk(src):
    for f in files:
        names.append(os.path.relpath(os.path.join(root, f), src))
names.sort(key=lambda n: (n != "mimetype", n))
with zipfile.ZipFile(out, "w") as z:
    for n in names:
        info = zipfile.ZipInfo(n, date_time=(2026, 12, 6, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if n == "mimetype" else zipfile.ZIP_DEFLATED
        with open(os.path.join(src, n), "rb") as f:
            z.writestr(info, f.read())
