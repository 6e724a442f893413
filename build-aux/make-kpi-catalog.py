#!/usr/bin/env python3
# make-kpi-catalog.py: builds data/kolada/kpi.json, Verkan's offline
# catalog of Kolada's key figures (KPIs), from metadata saved from Kolada.
#
# The input is Kolada's /v3/kpi_groups answer ({"values": [{"id", "title",
# "members": [{"member_id", "member_title"}]}]}); the output holds each
# member KPI once, as {"id", "title"}, sorted by id, one a line, wrapped the
# way Kolada wraps every answer ({"values": [...], "count": N}).  The KPIs
# named in the README's table ("| N31807 | title |") are added when no
# group holds them, so the ones the sample and the reports use are there.
#
# Usage: build-aux/make-kpi-catalog.py [KPI_GROUPS.json [README.md [OUT.json]]]
# (defaults: ../shared/kolada/kpi_groups.json and README.md next to it,
# data/kolada/kpi.json)
#
# Copyright 2024 Verkan-utvecklarna
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(top), 'shared', 'kolada')

groups_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(shared, 'kpi_groups.json')
readme_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(groups_path), 'README.md')
out_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(top, 'data', 'kolada', 'kpi.json')

with open(groups_path, encoding='utf-8') as f:
    groups = json.load(f)

titles = {}
for group in groups['values']:
    for member in group.get('members', []):
        kpi_id = member.get('member_id')
        title = member.get('member_title')
        if not kpi_id or not title:
            continue
        # A KPI in several groups has the same title in each; keep the first
        titles.setdefault(kpi_id.strip(), title.strip())

added = []
if os.path.exists(readme_path):
    row = re.compile(r'^\|\s*([A-Z]\d{5})\s*\|\s*(.+?)\s*\|\s*$')
    with open(readme_path, encoding='utf-8') as f:
        for line in f:
            match = row.match(line)
            if match and match.group(1) not in titles:
                titles[match.group(1)] = match.group(2)
                added.append(match.group(1))

values = [{'id': kpi_id, 'title': titles[kpi_id]} for kpi_id in sorted(titles)]

# One KPI a line: small, and a refresh of the data reads well in a diff
with open(out_path, 'w', encoding='utf-8') as f:
    f.write('{"values": [\n')
    for i, value in enumerate(values):
        f.write(json.dumps(value, ensure_ascii=False, separators=(',', ':')))
        f.write(',\n' if i + 1 < len(values) else '\n')
    f.write('], "count": %d}\n' % len(values))

print('%s: %d KPIs (%d added from %s)' % (out_path, len(values), len(added),
                                         os.path.basename(readme_path)),
      file=sys.stderr)
