#!/bin/sh
# make-sample-project.sh: builds the sample project file from its sources,
# with the verkan binary itself, as data/examples/meson.build calls it:
#
#   make-sample-project.sh VERKAN IN.xml SNAPSHOT.json DOCUMENTS-DIR OUT.verkan
#
# import-xml refuses to overwrite, so the old output (and any SQLite side
# files) goes first; then the Kolada snapshot's values, which the XML format
# leaves out as a cache, and the documents.  A step that fails prints what
# it said and leaves no half-made project, so the next build runs it again.
#
# Copyright 2024 Verkan-utvecklarna
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

V=$1 XML=$2 SNAPSHOT=$3 DOCS=$4 OUT=$5

step () {
  if ! log=$("$V" "$@" 2>&1); then
    printf '%s\n' "$log" >&2
    rm -f "$OUT" "$OUT-wal" "$OUT-shm"
    exit 1
  fi
}

rm -f "$OUT" "$OUT-wal" "$OUT-shm"
step import-xml "$XML" "$OUT"
step kolada import "$OUT" "$SNAPSHOT"

# Appendices 1 and 2 of the slutrapport
step doc add "$OUT" "$DOCS/analysunderlag-hallsberg.odt" --kind analysis --municipality 1861 \
  --title "Analysunderlag för Hallsberg" --date 2022-06-23 --author "Johanna Berg" --appendix 1
step doc add "$OUT" "$DOCS/enkatfragor.pdf" --kind survey \
  --title "Enkätfrågor till projektdeltagarna" --date 2022-06-27 --author "Johanna Berg" --appendix 2

step doc add "$OUT" "$DOCS/minnesanteckningar-2022-03-15.txt" --kind minutes \
  --title "Projektgruppens möte 15 mars" --date 2022-03-15 --author "Johanna Berg"
step doc add "$OUT" "$DOCS/minnesanteckningar-internat-2022-05.txt" --kind minutes \
  --title "Internatet 18–19 maj" --date 2022-05-19 --author "Johanna Berg"
