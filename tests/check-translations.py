#!/usr/bin/env python3
"""Fails when a Swedish user would meet English.

1. Every file with translatable strings (C with _()/N_()/C_(), .ui with
   translatable="yes", the desktop/metainfo/schema/MIME files) is listed in
   po/POTFILES.in.
2. po/sv.po, merged with the strings in the sources today, has no
   untranslated and no fuzzy message.

usage: check-translations.py SOURCE_ROOT [xgettext args...]
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
xgettext_args = sys.argv[2:]

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:N?_|C_|NC_|g_dngettext)\s*\(\s*"')
UI_MARK = re.compile(r'translatable="yes"')
SCAN = [('src', ('.c',), C_MARK), ('ui', ('.ui',), UI_MARK)]
DATA_INPUTS = ['.desktop.in', '.metainfo.xml.in', '.gschema.xml', '.mime.xml']

problems = []

with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = {line.strip() for line in f
              if line.strip() and not line.startswith('#')}

for rel in sorted(listed):
    if not os.path.exists(os.path.join(root, rel)):
        problems.append(f'po/POTFILES.in lists {rel}, which does not exist')

for folder, endings, mark in SCAN:
    for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if not name.endswith(endings):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                if mark.search(f.read()) and rel not in listed:
                    problems.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

for name in sorted(os.listdir(os.path.join(root, 'data'))):
    if any(name.endswith(e) for e in DATA_INPUTS) and f'data/{name}' not in listed:
        problems.append(f'data/{name} is not in po/POTFILES.in')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'verkan.pot')
    merged = os.path.join(tmp, 'sv.po')
    subprocess.run(['xgettext', '--directory', root,
                    '--files-from', os.path.join(root, 'po', 'POTFILES.in'),
                    '--output', pot, '--from-code=UTF-8'] + xgettext_args, check=True)
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file', merged,
                    os.path.join(root, 'po', 'sv.po'), pot], check=True)
    stats = subprocess.run(['msgfmt', '--check', '--statistics', '--output-file', os.devnull,
                            merged], capture_output=True, text=True)
    report = (stats.stdout + stats.stderr).strip()
    print(f'sv.po against today\'s sources: {report}')
    if stats.returncode != 0 or 'untranslated' in report or 'fuzzy' in report:
        problems.append(f'po/sv.po is not complete: {report}')
        missing = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                 capture_output=True, text=True).stdout
        ids = re.findall(r'^msgid "(.+)"$', missing, re.M)
        for msgid in ids[:40]:
            problems.append(f'  untranslated: "{msgid}"')
        fuzzy = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', merged],
                               capture_output=True, text=True).stdout
        for msgid in re.findall(r'^msgid "(.+)"$', fuzzy, re.M)[:20]:
            problems.append(f'  fuzzy: "{msgid}"')

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
