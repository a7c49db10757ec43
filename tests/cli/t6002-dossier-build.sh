# dossier build: golden text of the HTML and DOCX, a valid DOCX package,
# a PDF that renders and holds the Chinese names, CONFIDENTIAL and a page
# number on every page and every exhibit hash; the exhibit bundle checks;
# no protected value of the case in any output file.
. "$(dirname "$0")/lib.sh"
export DOSSIER_REGIMES="$TOP/regimes" DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
H="$TOP/tests/cli/helpers/dossier_text.py"
T1=demo-officer-chan-tai-man
T2=demo-officer-wong-chi-keung

run demo d
expect_rc 0 demo
run -C d build $T1 $T2 --regime uk-ghr,us-glomag --out o --date 2026-11-27
expect_rc 0 build
for f in o/dossier-uk-ghr.html o/dossier-uk-ghr.docx o/dossier-uk-ghr.pdf \
    o/dossier-us-glomag.html o/dossier-us-glomag.docx o/dossier-us-glomag.pdf; do
    [ -s "$f" ] || fail "$f written"
    expect_in out "wrote $f" "reports $f"
done
expect_in out "blocking gaps" "build reports the gaps"

# Golden text of HTML and DOCX.
# (the date a list was imported into the demo case is today's)
# and custody record hashes cover their own time, so they change per run:
# the line after "ACTION / object hash" in the custody annex is masked.
mask() {
    sed -E 's/imported [0-9]{4}-[0-9]{2}-[0-9]{2}/imported DATE/g' |
        awk 'function hex16(s) { return length(s) == 16 && s ~ /^[0-9a-f]+$/ }
             n == 2 && hex16($0) { print "RECORDHASH"; n = 0; next }
             n == 1 && hex16($0) { n = 2; print; next }
             /^(add|open|export|verify|annotate|release|timestamp)$/ { n = 1; print; next }
             { n = 0; print }'
}
python3 "$H" o/dossier-uk-ghr.html | mask >html.txt || fail "html text"
golden html.txt dossier-uk-ghr-html.exp
python3 "$H" o/dossier-uk-ghr.docx | mask >docx.txt || fail "docx text"
golden docx.txt dossier-uk-ghr-docx.exp
python3 "$H" --check-docx o/dossier-uk-ghr.docx >/dev/null || fail "docx package"
python3 "$H" --check-docx o/dossier-us-glomag.docx >/dev/null || fail "docx package"
expect_in html.txt "[missing: submitting organisation]" "missing data is explicit"
expect_in html.txt "[FICTIONAL]" "fictional records labelled"
expect_in html.txt "陳大文" "Chinese name in HTML"
expect_in docx.txt "黃志強" "Chinese name in DOCX"
grep -q 'src=\|href="http' o/dossier-uk-ghr.html && fail "HTML is self-contained"

# The PDF renders, holds the names, and marks every page.
command -v pdftoppm >/dev/null || fail "pdftoppm (poppler-utils) missing"
pdftoppm -r 30 -png -f 1 -l 2 o/dossier-uk-ghr.pdf page || fail "pdftoppm"
[ -s page-01.png ] || [ -s page-1.png ] || fail "page rendered"
pdftotext o/dossier-uk-ghr.pdf pdf.txt || fail "pdftotext"
expect_in pdf.txt "陳大文" "Chinese name in PDF"
expect_in pdf.txt "黃志強" "Chinese name in PDF"
expect_in pdf.txt "Contents" "table of contents"
pages=$(pdfinfo o/dossier-uk-ghr.pdf | sed -n 's/^Pages: *//p')
[ "$pages" -ge 5 ] || fail "PDF pages ($pages)"
n=$(grep -c "^CONFIDENTIAL · UK GHR · Page [0-9]* of $pages" pdf.txt)
[ "$n" -eq "$pages" ] || fail "CONFIDENTIAL and page number on every page ($n of $pages)"

# Exhibits: register with hashes, bundle from the vault.
printf 'still frame 00:03:12 (FICTIONAL)\n' >frame.txt
printf 'witness W-1 statement, redacted (FICTIONAL)\n' >w1.txt
run -C d evidence add frame.txt w1.txt --source demo-source-harbour-daily-video --json
expect_rc 0 "evidence add"
python3 -c 'import json
for x in json.load(open("out")): print(x["exhibit"], x["hash"])' >ex.txt
while read -r x h; do
    run -C d set "$x" incident=demo-incident-lantern-street
    expect_rc 0 "link $x"
done <ex.txt
run -C d build $T1 $T2 --regime uk-ghr --out o2 --date 2026-11-27
expect_rc 0 "build with exhibits"
expect_in out "wrote o2/exhibits.zip" "bundle written"
run verify-bundle o2/exhibits.zip
expect_rc 0 "the bundle verifies"
pdftotext -raw o2/dossier-uk-ghr.pdf - | tr -d ' \n' >pdf2.txt
unzip -p o2/dossier-uk-ghr.docx word/document.xml >docx2.xml
while read -r x h; do
    expect_in pdf2.txt "$h" "exhibit hash in the PDF"
    expect_in o2/dossier-uk-ghr.html "$h" "exhibit hash in the HTML"
    expect_in docx2.xml "$h" "exhibit hash in the DOCX"
done <ex.txt

# No protected value anywhere.
for f in o/* o2/*; do
    case "$f" in
    *.pdf) pdftotext "$f" all.txt ;;
    *.docx | *.zip) unzip -p "$f" >all.txt ;;
    *) cp "$f" all.txt ;;
    esac
    for secret in "NG Ka-yan" "吳嘉欣" "TSE Wing-hong" "謝永康" \
        "LAU Mei-ling" "5555 0101" "via the documenting NGO"; do
        expect_not_in all.txt "$secret" "protected value in $f"
    done
done

# Bad input.
run -C d build $T1 --regime uk-ghr --out o3 --format html,odt
expect_rc 2 "unknown format"
expect_in err "unknown format 'odt'" "names the format"
run -C d build nobody --regime uk-ghr --out o3
expect_rc 1 "unknown person"
expect_in err "no person 'nobody'" "names the person"

# Optional: LibreOffice opens the DOCX.
if command -v soffice >/dev/null 2>&1; then
    soffice --headless --convert-to pdf --outdir lo o/dossier-uk-ghr.docx \
        >/dev/null 2>&1 || fail "LibreOffice conversion"
    [ -s lo/dossier-uk-ghr.pdf ] || fail "LibreOffice wrote a PDF"
else
    echo "skip: soffice not installed (LibreOffice conversion)"
fi
exit 0
