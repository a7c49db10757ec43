#!/usr/bin/env python3
"""Text of a built dossier, for golden tests, and DOCX package checks.

usage: dossier_text.py FILE.html|FILE.docx   prints one line per block
       dossier_text.py --check-docx FILE.docx  checks the package: a valid
           zip, every XML part well-formed, the parts Word needs present
           and linked; exits 1 with a message otherwise.
"""
import html.parser
import sys
import xml.dom.minidom
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "li", "th", "td", "div", "title"}

    def __init__(self):
        super().__init__()
        self.lines, self.cur, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.skip += 1
        if tag in self.BLOCK or tag == "br":
            self.flush()

    def handle_endtag(self, tag):
        if tag == "style":
            self.skip -= 1
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)

    def flush(self):
        text = " ".join("".join(self.cur).split())
        if text:
            self.lines.append(text)
        self.cur = []


def html_text(path):
    p = HtmlText()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.flush()
    return p.lines


def docx_text(path):
    with zipfile.ZipFile(path) as z:
        dom = xml.dom.minidom.parseString(z.read("word/document.xml"))
    lines = []
    for para in dom.getElementsByTagNameNS(W, "p"):
        text = "".join(t.firstChild.data if t.firstChild else ""
                       for t in para.getElementsByTagNameNS(W, "t"))
        text = " ".join(text.split())
        if text:
            lines.append(text)
    return lines


def check_docx(path):
    need = ["[Content_Types].xml", "_rels/.rels", "word/document.xml",
            "word/styles.xml", "word/_rels/document.xml.rels",
            "word/header1.xml", "word/footer1.xml"]
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            sys.exit("corrupt zip member " + bad)
        names = z.namelist()
        for n in need:
            if n not in names:
                sys.exit("missing part " + n)
        for n in names:
            if n.endswith(".xml") or n.endswith(".rels"):
                try:
                    xml.dom.minidom.parseString(z.read(n))
                except Exception as e:  # noqa: BLE001
                    sys.exit("%s is not well-formed XML: %s" % (n, e))
        doc = xml.dom.minidom.parseString(z.read("word/document.xml"))
        if doc.documentElement.localName != "document" or \
                doc.documentElement.namespaceURI != W:
            sys.exit("word/document.xml is not a w:document")
        rels = z.read("word/_rels/document.xml.rels").decode()
        for target in ("styles.xml", "header1.xml", "footer1.xml"):
            if target not in rels:
                sys.exit("document.xml.rels does not link " + target)
    print("docx ok: %d parts" % len(names))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check-docx":
        check_docx(sys.argv[2])
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    lines = docx_text(path) if path.endswith(".docx") else html_text(path)
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
