#!/usr/bin/env python3
# make-sample-documents.py: writes the sample project's documents into
# data/examples/documents/: a survey as PDF, an analysis as ODT and two sets
# of meeting notes as plain text.  data/examples/meson.build adds them to
# the sample with `verkan doc add`; the survey and the analysis become
# appendices of its slutrapport.
#
# Copyright 2024 Verkan-utvecklarna
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Only the standard library: the PDF is written by hand with the standard
# Type 1 fonts Helvetica and Helvetica-Bold in WinAnsiEncoding (cp1252, so
# å, ä and ö need no embedded font), the ODT with zipfile.  The output is
# the same byte for byte on every run (fixed dates, fixed zip times), so
# the committed files change only when this script does.  The people and
# figures are the sample project's, as invented as the rest of it.
#
# Usage: build-aux/make-sample-documents.py [OUTDIR]

import os
import sys
import zipfile
import zlib

# --------------------------------------------------------------------------
# The survey (PDF)

SURVEY_TITLE = "Enkätfrågor till projektdeltagarna"
SURVEY_DATE = "2022-06-27"

AGREE = ["Ja, helt", "Ja, delvis", "Inte alls", "Vet inte"]
JUDGE = ["Mycket bra", "Ganska bra", "Varken bra eller dåliga", "Ganska dåliga",
         "Mycket dåliga"]

PROJECT_GOALS = [
    "De deltagande kommunerna har fått ett samlat underlag över nuläget när det "
    "gäller mål, insatser och uppföljning, som kan bära fortsatt utvecklingsarbete.",
    "De deltagande kommunerna har fått goda förutsättningar att fortsätta utveckla "
    "kopplingen mellan myndighetsutövande och utförande verksamheter.",
    "Kommunerna har fått goda förutsättningar att arbeta kunskapsbaserat och med "
    "evidensbaserade metoder för dem som behöver stöd från arbetsmarknadsenheten.",
    "De deltagande kommunerna har tillsammans tagit fram ett underlag för att "
    "påbörja en bättre samverkan med externa aktörer.",
]

# The survey as a list of parts: ("h", text) a heading, ("p", text) a
# paragraph, ("q", number, text, options) a question with boxes to tick,
# ("m", number, text, rows, columns) a grid of boxes, ("o", number, text,
# lines) an open question with lines to write on.
SURVEY = [
    ("title", SURVEY_TITLE),
    ("sub", "Bättre förutsättningar till egen försörjning, Region Örebro län · " + SURVEY_DATE),
    ("p", "Projektet närmar sig sitt slut, och vi vill veta hur du som har deltagit ser på "
          "det som har gjorts. Dina svar blir en del av underlaget när projektledaren "
          "bedömer hur väl projektmålen har nåtts i slutrapporten. Enkäten skickas till "
          "alla som har varit med i projektgruppen eller i arbetet med kommunens "
          "logikmodell, också till dig som inte har kunnat delta i alla möten."),
    ("p", "Det tar ungefär 15 minuter att svara. Svaren redovisas bara sammanställda, så "
          "att ingen enskild person kan pekas ut. Skicka den ifyllda enkäten till "
          "projektledaren Johanna Berg senast den 8 juli 2022."),
    ("h", "Del 1. Om dig"),
    ("q", 1, "Vilken kommun arbetar du i?", ["Hallsberg", "Hällefors", "Nora", "Örebro"]),
    ("q", 2, "Vilken är din roll?", ["Chef", "Samordnare eller planerare",
                                     "Handläggare", "Annan roll"]),
    ("q", 3, "Hur mycket har du deltagit i projektgruppens möten?",
     ["I nästan alla", "I ungefär hälften", "I några få", "Inte alls"]),
    ("h", "Del 2. Projektmålen"),
    ("p", "Här följer projektets fyra mål, så som de beslutades i projektplanen. Ange för "
          "varje mål om du anser att det är uppfyllt när projektet avslutas."),
] + [
    ("q", 4 + i, "Projektmål %d: %s Anser du att målet är uppfyllt?" % (i + 1, goal), AGREE)
    for i, goal in enumerate(PROJECT_GOALS)
] + [
    ("o", 8, "Om du vill: motivera dina svar på fråga 4–7, eller ge exempel på vad som "
             "har förändrats i din verksamhet.", 4),
    ("h", "Del 3. Möjligheterna framåt"),
    ("m", 9, "Hur bedömer du din verksamhets möjligheter att …",
     ["arbeta kunskapsbaserat", "arbeta med evidensbaserade metoder",
      "följa upp insatser på gruppnivå", "ta fram statistik om stegförflyttningar"], JUDGE),
    ("m", 10, "Hur bedömer du era möjligheter att utveckla samverkan med …",
     ["samordningsförbundet", "Försäkringskassan", "Arbetsförmedlingen",
      "primärvården", "psykiatrin"], JUDGE),
    ("o", 11, "Vad skulle mest hjälpa din verksamhet att följa upp om insatserna leder "
              "till egen försörjning? Tänk till exempel på verksamhetssystem, statistik, "
              "utbildning eller samarbete med andra kommuner.", 4),
    ("h", "Del 4. Projektet som helhet"),
    ("q", 12, "Hur har arbetet med logikmodellen fungerat för din verksamhet?", JUDGE),
    ("q", 13, "Har projektet gett dig kunskap som du använder i ditt arbete?",
     ["Ja, i stor utsträckning", "Ja, i viss utsträckning", "Nej", "Vet inte"]),
    ("o", 14, "Vad tar du med dig från projektet, och vad borde ha gjorts annorlunda?", 5),
    ("p", "Tack för att du tog dig tid att svara!"),
]

# Helvetica's advance widths (per 1000 units of the font size) for what the
# survey prints; characters not listed count as 556, a wide guess.
_HELVETICA = {
    " ": 278, "!": 278, "%": 889, "'": 191, "(": 333, ")": 333, ",": 278, "-": 333,
    ".": 278, "/": 278, ":": 278, ";": 278, "?": 556, "·": 278, "–": 556, "…": 1000,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556,
    "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556,
    "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 500, "å": 556, "ä": 556, "ö": 556, "é": 556,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "Å": 667, "Ä": 667, "Ö": 778,
}


def text_width(text, size, bold=False):
    units = sum(_HELVETICA.get(c, 556) for c in text)
    # Helvetica-Bold runs about 7 % wider; enough for breaking lines
    return units * size / 1000.0 * (1.07 if bold else 1.0)


def wrap(text, size, width, bold=False):
    lines, line = [], ""
    for word in text.split():
        candidate = word if not line else line + " " + word
        if text_width(candidate, size, bold) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def pdf_string(text):
    data = text.encode("cp1252")
    out = bytearray(b"(")
    for byte in data:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


PAGE_W, PAGE_H = 595.0, 842.0      # A4 in points
MARGIN = 64.0
BODY = 10.5
LEADING = 14.5


class SurveyPages:
    """Lays the survey out on A4 pages as PDF content streams."""

    def __init__(self):
        self.pages = []
        self.new_page()

    def new_page(self):
        self.ops = []
        self.pages.append(self.ops)
        self.y = PAGE_H - MARGIN

    def need(self, height):
        if self.y - height < MARGIN + 20:
            self.new_page()

    def text(self, x, y, text, size, bold=False, grey=0.0):
        font = "/F2" if bold else "/F1"
        self.ops.append(b"%.3f g BT %s %.1f Tf %.2f %.2f Td %s Tj ET"
                        % (grey, font.encode(), size, x, y, pdf_string(text)))

    def box(self, x, y, size=8.0):
        self.ops.append(b"0.5 w 0.2 G %.2f %.2f %.2f %.2f re S" % (x, y, size, size))

    def rule(self, x1, x2, y, grey=0.55):
        self.ops.append(b"0.5 w %.2f G %.2f %.2f m %.2f %.2f l S" % (grey, x1, y, x2, y))

    def paragraph(self, text, size=BODY, bold=False, indent=0.0, gap=6.0):
        lines = wrap(text, size, PAGE_W - 2 * MARGIN - indent, bold)
        for line in lines:
            self.need(LEADING)
            self.y -= LEADING
            self.text(MARGIN + indent, self.y, line, size, bold)
        self.y -= gap

    def question(self, number, text, options):
        lines = wrap(text, BODY, PAGE_W - 2 * MARGIN - 22, True)
        # keep a question together with its answer boxes
        self.need(LEADING * (len(lines) + 1) + 14)
        self.y -= LEADING
        self.text(MARGIN, self.y, "%d." % number, BODY, True)
        for i, line in enumerate(lines):
            if i:
                self.y -= LEADING
            self.text(MARGIN + 22, self.y, line, BODY, True)
        self.y -= LEADING + 4
        x = MARGIN + 22
        for option in options:
            w = text_width(option, 9.5) + 30
            if x + w > PAGE_W - MARGIN:
                x = MARGIN + 22
                self.y -= LEADING
            self.box(x, self.y - 1)
            self.text(x + 13, self.y, option, 9.5)
            x += w
        self.y -= 10

    def grid(self, number, text, rows, columns):
        label_w = 190.0
        col_w = (PAGE_W - 2 * MARGIN - 22 - label_w) / len(columns)
        head_lines = [wrap(c, 8, col_w - 4) for c in columns]
        n_head = max(len(h) for h in head_lines)
        self.need(LEADING * (2 + n_head + len(rows)) + 10)
        self.y -= LEADING
        self.text(MARGIN, self.y, "%d." % number, BODY, True)
        self.text(MARGIN + 22, self.y, text, BODY, True)
        self.y -= 6
        top = self.y
        for c, lines in enumerate(head_lines):
            cx = MARGIN + 22 + label_w + c * col_w
            for k, line in enumerate(lines):
                self.text(cx + (col_w - text_width(line, 8)) / 2,
                          top - 11 * (k + 1), line, 8, grey=0.25)
        self.y = top - 11 * n_head - 6
        for r, row in enumerate(rows):
            self.y -= LEADING + 2
            if r % 2 == 0:
                self.ops.append(b"0.94 g %.2f %.2f %.2f %.2f re f"
                                % (MARGIN + 18, self.y - 5, PAGE_W - 2 * MARGIN - 18,
                                   LEADING + 2))
            self.text(MARGIN + 22, self.y, "… " + row, 9.5)
            for c in range(len(columns)):
                cx = MARGIN + 22 + label_w + c * col_w + col_w / 2 - 4
                self.box(cx, self.y - 1)
        self.y -= 12

    def open_question(self, number, text, n_lines):
        lines = wrap(text, BODY, PAGE_W - 2 * MARGIN - 22, True)
        self.need(LEADING * len(lines) + 22 * n_lines + 10)
        self.y -= LEADING
        self.text(MARGIN, self.y, "%d." % number, BODY, True)
        for i, line in enumerate(lines):
            if i:
                self.y -= LEADING
            self.text(MARGIN + 22, self.y, line, BODY, True)
        for _ in range(n_lines):
            self.y -= 22
            self.rule(MARGIN + 22, PAGE_W - MARGIN, self.y)
        self.y -= 12

    def heading(self, text):
        self.need(LEADING * 4)
        self.y -= 12
        self.paragraph(text, 13, True, gap=2)
        self.rule(MARGIN, PAGE_W - MARGIN, self.y + 2, grey=0.3)
        self.y -= 2


def survey_pdf():
    layout = SurveyPages()
    for part in SURVEY:
        kind = part[0]
        if kind == "title":
            layout.y -= 10
            layout.paragraph(part[1], 20, True, gap=0)
        elif kind == "sub":
            layout.paragraph(part[1], 10, gap=10)
        elif kind == "h":
            layout.heading(part[1])
        elif kind == "p":
            layout.paragraph(part[1])
        elif kind == "q":
            layout.question(part[1], part[2], part[3])
        elif kind == "m":
            layout.grid(part[1], part[2], part[3], part[4])
        elif kind == "o":
            layout.open_question(part[1], part[2], part[3])

    n_pages = len(layout.pages)
    for number, ops in enumerate(layout.pages, 1):
        footer = "%s · sida %d av %d" % (SURVEY_TITLE, number, n_pages)
        ops.append(b"0.45 g BT /F1 8 Tf %.2f %.2f Td %s Tj ET"
                   % (PAGE_W - MARGIN - text_width(footer, 8), MARGIN - 24, pdf_string(footer)))

    # objects: 1 catalog, 2 pages, 3 and 4 fonts, 5 info, then a page and
    # its content per page
    objects = {}
    kids = []
    for i, ops in enumerate(layout.pages):
        page_id, content_id = 6 + 2 * i, 7 + 2 * i
        kids.append(b"%d 0 R" % page_id)
        stream = zlib.compress(b"\n".join(ops), 9)
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
                            b"/Contents %d 0 R >>" % content_id)
        objects[content_id] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)) + stream + b"\nendstream"
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Lang (sv-SE) >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n_pages)
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    objects[5] = (b"<< /Title " + pdf_string(SURVEY_TITLE)
                  + b" /Author " + pdf_string("Johanna Berg")
                  + b" /Subject " + pdf_string("Utvärdering av projektet Bättre förutsättningar till egen försörjning")
                  + b" /Creator (make-sample-documents.py) /CreationDate (D:20220627090000+02'00') >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    count = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref)
    return bytes(out)


# --------------------------------------------------------------------------
# The analysis for Hallsberg (ODT)

ANALYSIS_TITLE = "Analysunderlag för Hallsberg"
ANALYSIS_DATE = "2022-06-23"

# ("h1"/"h2", text), ("p", text), ("li", text), ("table", caption, rows)
ANALYSIS = [
    ("title", ANALYSIS_TITLE),
    ("sub", "Bättre förutsättningar till egen försörjning · daterad " + ANALYSIS_DATE),
    ("h1", "1 Om underlaget"),
    ("p", "Underlaget beskriver hur Hallsbergs kommun arbetar för att invånare med "
          "ekonomiskt bistånd ska komma närmare arbete eller studier, och prövar om de "
          "insatser som finns i dag kan leda till de mål som kommunen själv har satt upp. "
          "Det bygger på kommunens styrdokument, på tre arbetsmöten med enhetschefen för "
          "försörjningsstödet och verksamhetschefen för arbetsmarknadsenheten under "
          "våren 2022, och på nyckeltal ur Kolada."),
    ("p", "Underlaget hör ihop med logikmodellen för Hallsberg, som sammanfattar samma "
          "resonemang på en sida."),
    ("h1", "2 Kommunens mål"),
    ("p", "Social- och arbetsmarknadsnämnden har ett övergripande mål för området: den som "
          "saknar fotfäste på arbetsmarknaden ska få stöd att bli redo för arbete eller "
          "studier och därefter kunna försörja sig själv. Målet följs upp i nämndens "
          "verksamhetsplan, men utan ett bestämt nyckeltal eller en nivå att nå."),
    ("h1", "3 Insatser och aktiviteter"),
    ("p", "Den som söker ekonomiskt bistånd och bedöms kunna arbeta remitteras av "
          "handläggaren till arbetsmarknadsenheten. Där finns i dag:"),
    ("li", "en kartläggning vid inskrivningen av erfarenheter, hinder och önskemål;"),
    ("li", "arbetsträning och praktik i kommunens egna verksamheter och hos lokala företag;"),
    ("li", "individuella planer med delmål som följs upp var tredje månad;"),
    ("li", "en gemensam genomgång av pågående ärenden en gång i månaden, där handläggare "
           "och arbetskonsulent deltar."),
    ("p", "Arbetsmarknadsenheten beskriver att bemanningen inte räcker för de täta "
          "kontakter som modellen förutsätter, och att fler arbetssökande vänder sig till "
          "kommunen sedan Arbetsförmedlingen har dragit ner på sin lokala närvaro."),
    ("h1", "4 Nyckeltal"),
    ("p", "Tabellen jämför Hallsberg med kommuner som liknar Hallsberg och med riket. "
          "Andelen invånare med ekonomiskt bistånd har sjunkit något sedan 2015, men "
          "andelen med långvarigt bistånd har i stället ökat."),
    ("table", "Tabell 1. Ekonomiskt bistånd i Hallsberg 2019–2021. Källa: Kolada "
              "(exempelvärden i Verkans exempelprojekt).",
     [["Nyckeltal", "2019", "2020", "2021", "Liknande kommuner 2021", "Riket 2021"],
      ["Invånare med ekonomiskt bistånd, %", "4,5", "4,7", "4,6", "4,0", "3,4"],
      ["Vuxna med långvarigt ekonomiskt bistånd, %", "1,5", "1,6", "1,6", "1,3", "1,1"],
      ["Nettokostnad ekonomiskt bistånd, kr/inv", "1 470", "1 510", "1 460", "1 350", "1 296"]]),
    ("h1", "5 Kan insatserna leda till målen?"),
    ("p", "Insatserna pekar åt rätt håll: kartläggning, arbetsträning och planer med "
          "delmål är sådant som brukar hjälpa människor närmare arbete. Men det går i dag "
          "inte att säga om de räcker. Kommunen följer inte upp hur det går för deltagarna "
          "efter avslutad insats, och målet saknar ett nyckeltal som visar när det är nått. "
          "Nyckeltalen tyder på att kommunen ännu inte når målet, särskilt för dem som har "
          "haft bistånd länge."),
    ("h2", "5.1 Förslag"),
    ("li", "Bestäm ett eller två nyckeltal för målet, till exempel andelen som går till "
           "arbete eller studier inom sex månader efter avslutad insats."),
    ("li", "Registrera i verksamhetssystemet varför en insats avslutas, så att utfallet kan "
           "räknas fram utan handpåläggning."),
    ("li", "Gå igenom resultatet en gång per halvår i den gemensamma ärendedragningen."),
]


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def analysis_content():
    body = []
    in_list = False
    for part in ANALYSIS:
        kind = part[0]
        if kind != "li" and in_list:
            body.append("</text:list>")
            in_list = False
        if kind == "title":
            body.append('<text:p text:style-name="Title">%s</text:p>' % xml_escape(part[1]))
        elif kind == "sub":
            body.append('<text:p text:style-name="Subtitle">%s</text:p>' % xml_escape(part[1]))
        elif kind in ("h1", "h2"):
            level = kind[1]
            body.append('<text:h text:style-name="Heading_20_%s" text:outline-level="%s">%s</text:h>'
                        % (level, level, xml_escape(part[1])))
        elif kind == "p":
            body.append('<text:p text:style-name="Text_20_body">%s</text:p>' % xml_escape(part[1]))
        elif kind == "li":
            if not in_list:
                body.append('<text:list text:style-name="Bullets">')
                in_list = True
            body.append('<text:list-item><text:p text:style-name="List_20_item">%s</text:p>'
                        '</text:list-item>' % xml_escape(part[1]))
        elif kind == "table":
            caption, rows = part[1], part[2]
            # a table's caption above it, kept with it
            body.append('<text:p text:style-name="Caption">%s</text:p>' % xml_escape(caption))
            body.append('<table:table table:name="Nyckeltal" table:style-name="Table">')
            body.append('<table:table-column table:style-name="ColWide"/>')
            body.append('<table:table-column table:style-name="ColNarrow" '
                        'table:number-columns-repeated="%d"/>' % (len(rows[0]) - 1))
            for r, row in enumerate(rows):
                if r == 0:
                    body.append("<table:table-header-rows>")
                body.append("<table:table-row>")
                for c, cell in enumerate(row):
                    style = "Table_20_Heading" if r == 0 else (
                        "Table_20_Contents" if c == 0 else "Table_20_Number")
                    body.append('<table:table-cell table:style-name="Cell" office:value-type="string">'
                                '<text:p text:style-name="%s">%s</text:p></table:table-cell>'
                                % (style, xml_escape(cell)))
                body.append("</table:table-row>")
                if r == 0:
                    body.append("</table:table-header-rows>")
            body.append("</table:table>")
    if in_list:
        body.append("</text:list>")

    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content %s office:version="1.2">'
            '<office:automatic-styles>'
            '<style:style style:name="Table" style:family="table">'
            '<style:table-properties style:width="16cm" table:align="left" fo:margin-top="0.2cm" '
            'fo:margin-bottom="0.1cm"/></style:style>'
            '<style:style style:name="ColWide" style:family="table-column">'
            '<style:table-column-properties style:column-width="5.5cm"/></style:style>'
            '<style:style style:name="ColNarrow" style:family="table-column">'
            '<style:table-column-properties style:column-width="2.1cm"/></style:style>'
            '<style:style style:name="Cell" style:family="table-cell">'
            '<style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #888888"/>'
            '</style:style>'
            '</office:automatic-styles>'
            '<office:body><office:text>%s</office:text></office:body>'
            '</office:document-content>\n' % (ODF_NS, "".join(body)))


def analysis_styles():
    def paragraph(name, display, size, bold=False, above="0cm", below="0.2cm", parent=None,
                  extra="", align=None, italic=False, keep=False):
        text = ' fo:font-weight="bold"' if bold else ""
        text += ' fo:font-style="italic"' if italic else ""
        parent_attr = ' style:parent-style-name="%s"' % parent if parent else ""
        align_attr = ' fo:text-align="%s"' % align if align else ""
        align_attr += ' fo:keep-with-next="always"' if keep else ""
        return ('<style:style style:name="%s" style:display-name="%s" style:family="paragraph"%s%s>'
                '<style:paragraph-properties fo:margin-top="%s" fo:margin-bottom="%s"%s/>'
                '<style:text-properties fo:font-size="%spt"%s/></style:style>'
                % (name, display, parent_attr, extra, above, below, align_attr, size, text))

    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-styles %s office:version="1.2">'
            '<office:font-face-decls/>'
            '<office:styles>'
            '<style:default-style style:family="paragraph">'
            '<style:text-properties style:font-name="Liberation Sans" fo:font-family="\'Liberation Sans\'" '
            'fo:font-size="11pt" fo:language="sv" fo:country="SE"/></style:default-style>'
            '%s%s%s%s%s%s%s%s%s%s%s'
            '<text:list-style style:name="Bullets">'
            '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            '<style:list-level-label-alignment text:label-followed-by="listtab" '
            'text:list-tab-stop-position="0.8cm" fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/>'
            '</style:list-level-properties></text:list-level-style-bullet></text:list-style>'
            '</office:styles>'
            '<office:automatic-styles>'
            '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
            'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" '
            'fo:margin-right="2.5cm"/></style:page-layout>'
            '</office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/>'
            '</office:master-styles>'
            '</office:document-styles>\n'
            % (ODF_NS,
               paragraph("Standard", "Standard", 11),
               paragraph("Text_20_body", "Text body", 11, below="0.25cm", parent="Standard"),
               paragraph("Title", "Title", 22, True, below="0.1cm", parent="Standard"),
               paragraph("Subtitle", "Subtitle", 11, below="0.6cm", parent="Standard"),
               paragraph("Heading_20_1", "Heading 1", 15, True, "0.5cm", "0.2cm", "Standard",
                         ' style:default-outline-level="1"'),
               paragraph("Heading_20_2", "Heading 2", 12.5, True, "0.35cm", "0.15cm", "Standard",
                         ' style:default-outline-level="2"'),
               paragraph("List_20_item", "List item", 11, below="0.1cm", parent="Standard"),
               paragraph("Table_20_Contents", "Table Contents", 9.5, below="0cm", parent="Standard"),
               paragraph("Table_20_Heading", "Table Heading", 9.5, True, below="0cm", parent="Standard"),
               paragraph("Table_20_Number", "Table Number", 9.5, below="0cm", parent="Standard",
                         align="end"),
               paragraph("Caption", "Caption", 9.5, below="0.1cm", above="0.2cm", parent="Standard",
                         italic=True, keep=True)))


def analysis_meta():
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-meta %s office:version="1.2"><office:meta>'
            '<dc:title>%s</dc:title>'
            '<dc:subject>Bättre förutsättningar till egen försörjning</dc:subject>'
            '<meta:initial-creator>Johanna Berg</meta:initial-creator>'
            '<dc:creator>Johanna Berg</dc:creator>'
            '<meta:creation-date>%sT10:00:00</meta:creation-date>'
            '<dc:date>%sT10:00:00</dc:date>'
            '<dc:language>sv-SE</dc:language>'
            '<meta:generator>make-sample-documents.py</meta:generator>'
            '</office:meta></office:document-meta>\n'
            % (ODF_NS, xml_escape(ANALYSIS_TITLE), ANALYSIS_DATE, ANALYSIS_DATE))


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>\n')


def write_odt(path):
    stamp = (2022, 6, 23, 10, 0, 0)  # zip times, fixed so that runs agree

    def member(zf, name, data, compress=zipfile.ZIP_DEFLATED):
        info = zipfile.ZipInfo(name, stamp)
        info.compress_type = compress
        info.external_attr = 0o644 << 16
        zf.writestr(info, data)

    with zipfile.ZipFile(path, "w") as zf:
        # ODF: the mimetype first and stored, so a reader finds it at byte 38
        member(zf, "mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        member(zf, "content.xml", analysis_content())
        member(zf, "styles.xml", analysis_styles())
        member(zf, "meta.xml", analysis_meta())
        member(zf, "META-INF/manifest.xml", MANIFEST)


# --------------------------------------------------------------------------
# Meeting notes (plain text)

NOTES_MARCH = """\
Minnesanteckningar, projektgruppens möte 2022-03-15
Bättre förutsättningar till egen försörjning

Tid och plats: tisdag 15 mars 2022 kl. 9.00–11.30, digitalt i projektets Teams-rum
Närvarande: Johanna Berg (projektledare), Oskar Lundgren och Sara Holm (Örebro),
Maja Sandberg och Emma Wikström (Hällefors), Kristina Aho (Nora), Niklas Eriksson
och Annika Dahl (Hallsberg)
Antecknare: Johanna Berg

1. Föregående anteckningar
Anteckningarna från mötet den 15 februari lades till handlingarna utan ändringar.

2. Läget i logikmodelleringen
Varje kommun berättade hur långt arbetet med den egna logikmodellen har kommit.
- Hallsberg har beskrivit resurser och aktiviteter men saknar ännu mått på
  effekterna. Ett nytt arbetsmöte bokas i april.
- Hällefors har fört in kommunens politiskt antagna mål om självförsörjning och
  ser att flera aktiviteter inte följs upp alls i dag.
- Nora har en nästan färdig modell. Erfarenheterna från arbetet med kommunal
  arbetscoach ska skrivas in som en aktivitet.
- Örebro har fem mål (åtaganden) med indikatorer och tar fram utfall för 2021.
Gruppen konstaterade att det är svårast att formulera mått för de kortsiktiga
effekterna, alltså det som händer med deltagarna innan de får arbete.

3. Nyckeltal från Kolada
Projektledaren visade andelen invånare med ekonomiskt bistånd och andelen med
långvarigt bistånd för de fyra kommunerna, jämfört med liknande kommuner och
riket. Gruppen diskuterade hur jämförelsegrupperna har valts ut. Hällefors
påpekade att kostnaden för arbetsmarknadsåtgärder per invånare är låg jämfört
med liknande kommuner, och att det bör nämnas i analysen.

4. Internatet i maj
Internatet blir den 18–19 maj. Borås stad har tackat ja till att berätta om sitt
arbetssätt, och förbundscheferna i två samordningsförbund bjuds in till ett
samtal om samverkan. Deltagarna tar med avidentifierade ärenden att diskutera.

Beslut
- Varje kommun skickar sitt utkast till logikmodell till projektledaren senast
  den 29 april.
- Projektledaren skickar ut program för internatet senast den 20 april.

Nästa möte: 12 april 2022 kl. 9.00, digitalt.
"""

NOTES_MAY = """\
Minnesanteckningar från projektgruppens internat 2022-05-18–19
Bättre förutsättningar till egen försörjning

Närvarande: projektgruppen, projektägaren Lena Forsberg och (dag 1) Linnea Öst,
arbetsmarknadsenheten i Borås stad. Under dag 2 deltog två förbundschefer från
länets samordningsförbund, bland dem Tomas Grahn.
Antecknare: Johanna Berg

Dag 1. Arbetssätt i Borås stad
Borås har flyttat ansvaret för arbetsinriktade insatser till arbetsmarknadsenheten,
så att den som söker ekonomiskt bistånd och kan arbeta möter en arbetskonsulent
redan under de första veckorna. Arbetskonsulenterna har färre deltagare var än
tidigare och träffar dem oftare. Borås följer varje månad upp hur många som går
till arbete eller studier.
Frågor från gruppen gällde främst hur arbetet finansieras och hur man har fått
handläggare och arbetskonsulenter att dela samma mål.

Dag 1. Genomgång av ärenden
Deltagarna gick igenom avidentifierade ärenden och jämförde hur de bedömer
läkarintyg och hur de använder koderna för arbetslöshet av sociala skäl och
arbetslöshet utan försörjningshinder. Bedömningarna skiljer sig mellan
kommunerna, och gruppen vill fortsätta samtalet efter projektet.

Dag 2. Samtal med samordningsförbunden
Förbundscheferna berättade vad förbunden kan stödja: gemensamma kartläggningar,
finansiering av samverkansprojekt och nätverk för chefer. Kommunerna beskrev
att samverkan med Arbetsförmedlingen och Försäkringskassan har blivit svårare
de senaste åren. Alla var överens om att kommunrapporterna från projektet kan
bli ett underlag i fortsatta samtal.

Att ta med till slutrapporten
- Individuella lösningar och täta kontakter verkar ge bättre resultat än färdiga
  paket, men kräver mer personal.
- Uppföljning av insatser saknas i de flesta kommuner; mindre kommuner behöver
  stöd med statistik och analys.
- Dialogen med samordningsförbunden bör fortsätta efter projektet.
"""


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "examples", "documents")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "enkatfragor.pdf"), "wb") as f:
        f.write(survey_pdf())
    write_odt(os.path.join(out, "analysunderlag-hallsberg.odt"))
    for name, text in (("minnesanteckningar-2022-03-15.txt", NOTES_MARCH),
                       ("minnesanteckningar-internat-2022-05.txt", NOTES_MAY)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
