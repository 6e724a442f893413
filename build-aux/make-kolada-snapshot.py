#!/usr/bin/env python3
# make-kolada-snapshot.py: writes data/kolada/snapshot.json, the Kolada
# values the sample project charts, since no machine here reaches Kolada.
#
# Copyright 2024 Verkan-utvecklarna
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The file has the shape of a v3 data answer ({"values": [...], "count": n})
# with two members of Verkan's own (src/kolada/verkan-kolada-store.h):
# "verkan_snapshot" with its date, a note and the list of illustrative
# series, and "kpis" with the three KPI records.
#
# Where a published report gives a figure, the figure is that report's
# (REAL below, with where it was printed).  Every other value is made up to
# show the charts, chosen near the levels such municipalities have, and is
# listed in "illustrative" so that the charts, the CLI and the export say
# so.  The made-up values of the four municipalities agree with the
# baselines of the indicators in data/examples/battre-forutsattningar.xml.
#
# Usage: build-aux/make-kolada-snapshot.py [OUT.json]

import json
import os
import sys

# What Kolada had published when the sample's slutrapport was written
# (August 2022): values up to 2021.
YEARS = list(range(2015, 2022))

# The day the sample project's figures stand for: the week its slutrapport
# (dated 2022-08-16) was finished.  The real figures among them were
# published earlier (FoU i Väst, July 2021) and still stood then.
SNAPSHOT_DATE = "2022-08-15"

NOTE = (
    "Ögonblicksbild för exempelprojektet, inte hämtad från Kolada. Den visar "
    "vad som kunde finnas i Kolada när slutrapporten skrevs i augusti 2022, "
    "alltså värden till och med 2021. "
    "Publicerade värden: Riket 2017–2019 (N31807 och N31008) och medelvärdet för "
    "alla kommuner (G2328) 2017–2019 för alla tre nyckeltalen, ur FoU i Västs rapport "
    "Utvecklingsarbete inom ekonomiskt bistånd (juli 2021), tabell 3, 4 och 13. "
    "Alla andra värden är påhittade för att visa diagrammen och är markerade som "
    "illustrativa."
)

HALLSBERG, HALLEFORS, NORA, OREBRO, RIKET, ALLA = "1861", "1863", "1884", "1880", "0000", "G2328"
# "Liknande kommuner ekonomiskt bistånd, <kommun>, 2022"
# (../shared/kolada/municipality_groups.json); seven members each
SIMILAR = {
    HALLSBERG: "G175966",
    HALLEFORS: "G175983",
    NORA: "G176056",
    OREBRO: "G176186",
}
GROUP_COUNT = {group: 7 for group in SIMILAR.values()}
GROUP_COUNT[ALLA] = 290

# Published figures, by KPI, area and year.
#   N31807, Riket and all municipalities' mean: seed 002, tabell 3
#   N31816, all municipalities' mean (Riket is not given): seed 002, tabell 4
#   N31008, Riket and all municipalities' mean: seed 002, tabell 13 (bilaga 7)
REAL = {
    "N31807": {
        RIKET: {2017: 4.0, 2018: 3.9, 2019: 3.7},
        ALLA: {2017: 4.3, 2018: 4.1, 2019: 4.0},
    },
    "N31816": {
        ALLA: {2017: 0.9, 2018: 1.0, 2019: 1.0},
    },
    "N31008": {
        RIKET: {2017: 1284, 2018: 1311, 2019: 1341},
        ALLA: {2017: 1024, 2018: 1069, 2019: 1128},
    },
}

# Made-up series, 2015–2023 (the years after YEARS are left out).  None marks a year taken from REAL instead.
ILLUSTRATIVE = {
    "N31807": {
        HALLSBERG: [5.0, 4.9, 4.8, 4.7, 4.5, 4.7, 4.6, 4.3, 4.4],
        HALLEFORS: [7.0, 7.2, 7.1, 6.9, 6.7, 6.9, 6.6, 6.2, 6.4],
        NORA: [4.1, 4.0, 3.9, 3.8, 3.6, 4.0, 3.9, 3.6, 3.7],
        OREBRO: [5.9, 5.8, 5.6, 5.4, 5.2, 5.3, 5.1, 4.8, 4.9],
        RIKET: [4.3, 4.2, None, None, None, 3.6, 3.4, 3.2, 3.3],
        SIMILAR[HALLSBERG]: [4.6, 4.5, 4.4, 4.3, 4.1, 4.2, 4.0, 3.8, 3.9],
        SIMILAR[HALLEFORS]: [6.0, 5.9, 5.7, 5.5, 5.3, 5.3, 5.1, 4.8, 4.9],
        SIMILAR[NORA]: [3.8, 3.7, 3.6, 3.5, 3.3, 3.4, 3.2, 3.0, 3.1],
        SIMILAR[OREBRO]: [5.2, 5.1, 4.9, 4.7, 4.5, 4.5, 4.3, 4.0, 4.1],
    },
    "N31816": {
        HALLSBERG: [1.3, 1.3, 1.4, 1.4, 1.5, 1.6, 1.6, 1.5, 1.5],
        HALLEFORS: [2.4, 2.5, 2.5, 2.6, 2.6, 2.7, 2.6, 2.4, 2.5],
        NORA: [0.9, 0.9, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 0.9],
        OREBRO: [1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.2, 2.0, 2.0],
        RIKET: [1.1, 1.1, 1.1, 1.1, 1.2, 1.2, 1.1, 1.0, 1.0],
        SIMILAR[HALLSBERG]: [1.2, 1.2, 1.2, 1.3, 1.3, 1.4, 1.3, 1.2, 1.2],
        SIMILAR[HALLEFORS]: [1.6, 1.6, 1.7, 1.7, 1.8, 1.8, 1.7, 1.6, 1.6],
        SIMILAR[NORA]: [0.8, 0.8, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 0.8],
        SIMILAR[OREBRO]: [1.4, 1.4, 1.5, 1.5, 1.6, 1.6, 1.5, 1.4, 1.4],
    },
    "N31008": {
        HALLSBERG: [1310, 1340, 1390, 1420, 1470, 1510, 1460, 1400, 1480],
        HALLEFORS: [1880, 1950, 2010, 2080, 2140, 2180, 2120, 2030, 2150],
        NORA: [1020, 1050, 1080, 1110, 1150, 1180, 1140, 1090, 1150],
        OREBRO: [1520, 1560, 1600, 1640, 1690, 1720, 1650, 1580, 1660],
        RIKET: [1240, 1265, None, None, None, 1352, 1296, 1258, 1335],
        SIMILAR[HALLSBERG]: [1250, 1270, 1300, 1330, 1370, 1400, 1350, 1300, 1370],
        SIMILAR[HALLEFORS]: [1640, 1690, 1730, 1780, 1820, 1850, 1790, 1720, 1810],
        SIMILAR[NORA]: [990, 1010, 1030, 1060, 1090, 1110, 1070, 1030, 1080],
        SIMILAR[OREBRO]: [1410, 1440, 1470, 1510, 1550, 1570, 1510, 1450, 1520],
    },
}

# Titles as in ../shared/kolada/kpi_groups.json; descriptions in our own words
KPIS = [
    {
        "id": "N31807",
        "title": "Invånare som någon gång under året erhållit ekonomiskt bistånd, "
                 "andel (%) av bef.",
        "description": "Hur stor del av kommunens invånare som vid något tillfälle under "
                       "året har fått ekonomiskt bistånd. Alla i hushållet räknas, barn "
                       "som vuxna.",
        "is_divided_by_gender": True,
    },
    {
        "id": "N31816",
        "title": "Vuxna biståndsmottagare (18+ år) med långvarigt ekonomiskt bistånd, "
                 "andel (%) av befolkningen",
        "description": "Vuxna som har fått ekonomiskt bistånd under minst tio av årets "
                       "månader, räknat som andel av befolkningen.",
        "is_divided_by_gender": True,
    },
    {
        "id": "N31008",
        "title": "Nettokostnad ekonomiskt bistånd, kr/inv",
        "description": "Vad det ekonomiska biståndet kostar kommunen sedan intäkter som "
                       "statlig ersättning har räknats bort, i kronor per invånare.",
        "is_divided_by_gender": False,
    },
]


def row(kpi, area, year, value):
    return {
        "kpi": kpi,
        "municipality": area,
        "period": year,
        "values": [{
            "gender": "T",
            "value": value,
            "count": GROUP_COUNT.get(area, 1),
            "status": "",
            "isdeleted": False,
        }],
    }


def build():
    values = []
    illustrative = []
    for kpi in ("N31807", "N31816", "N31008"):
        areas = list(ILLUSTRATIVE[kpi]) + [a for a in REAL[kpi] if a not in ILLUSTRATIVE[kpi]]
        for area in areas:
            made_up = ILLUSTRATIVE[kpi].get(area)
            real = REAL[kpi].get(area, {})
            if made_up is not None and not real:
                illustrative.append(f"{kpi}:{area}")
            for i, year in enumerate(YEARS):
                if made_up is not None and i >= len(made_up):
                    break
                if year in real:
                    value = real[year]
                elif made_up is not None and made_up[i] is not None:
                    value = made_up[i]
                    if real:
                        illustrative.append(f"{kpi}:{area}:{year}")
                else:
                    continue
                values.append(row(kpi, area, year, value))

    kpis = [dict(record, municipality_type="K", publication_date=None,
                 prel_publication_date=None) for record in KPIS]
    return {
        "verkan_snapshot": {
            "date": SNAPSHOT_DATE,
            "note": NOTE,
            "illustrative": illustrative,
        },
        "kpis": kpis,
        "values": values,
        "count": len(values),
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "data", "kolada",
                                                             "snapshot.json")
    snapshot = build()
    rows = snapshot.pop("values")
    count = snapshot.pop("count")
    # Readable in a diff: the header indented, then one value a line
    text = json.dumps(snapshot, ensure_ascii=False, indent=1)[:-2]
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    text += ',\n "values": [\n  ' + ",\n  ".join(lines) + '\n ],\n "count": %d\n}\n' % count
    json.loads(text)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
