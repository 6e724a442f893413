#!/usr/bin/env python3
# make-group-catalog.py: builds data/kolada/municipality_groups.json,
# Verkan's offline fallback for Kolada's municipality groups, from the
# /v3/municipality_groups answer saved from Kolada.
#
# Kolada has 3,309 groups, most of them ten "Liknande kommuner <topic>, <kommun>,
# <year>" groups per municipality.  Verkan keeps the groups the reports compare
# with: "Liknande kommuner ekonomiskt bistånd, …" and "Liknande kommuner IFO, …"
# for every municipality, "Alla kommuner (ovägt medel)" (G2328), and every group
# whose title does not start with "Liknande" (kommungrupper, län, networks).
# Each group is written as {"id", "title", "members": [codes]}, one per line,
# wrapped the way Kolada wraps every answer ({"values": [...], "count": N}).
#
# Usage: build-aux/make-group-catalog.py [MUNICIPALITY_GROUPS.json [OUT.json]]
# (defaults: ../shared/kolada/municipality_groups.json, data/kolada/municipality_groups.json)
#
# Copyright 2024 Verkan-utvecklarna
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(top), 'shared', 'kolada')

groups_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(shared, 'municipality_groups.json')
out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(top, 'data', 'kolada', 'municipality_groups.json')

KEPT_SIMILAR = ('Liknande kommuner ekonomiskt bistånd, ', 'Liknande kommuner IFO, ')
ALL_MUNICIPALITIES = 'G2328'


def wanted(group):
    title = group['title']
    return (group['id'] == ALL_MUNICIPALITIES
            or title.startswith(KEPT_SIMILAR)
            or not title.startswith('Liknande'))


with open(groups_path, encoding='utf-8') as f:
    groups = json.load(f)['values']

kept = []
for source in groups:
    group = {'id': (source.get('id') or '').strip(),
             'title': (source.get('title') or '').strip()}
    if not group['id'] or not group['title'] or not wanted(group):
        continue
    codes = []
    for member in source.get('members') or []:
        code = (member.get('member_id') or '').strip()
        if code and code not in codes:
            codes.append(code)
    group['members'] = sorted(codes)
    kept.append(group)

with open(out_path, 'w', encoding='utf-8') as f:
    f.write('{"values": [\n')
    for i, group in enumerate(kept):
        f.write(json.dumps(group, ensure_ascii=False, separators=(',', ':')))
        f.write(',\n' if i + 1 < len(kept) else '\n')
    f.write('], "count": %d}\n' % len(kept))

print('%s: %d of %d groups' % (out_path, len(kept), len(groups)), file=sys.stderr)
