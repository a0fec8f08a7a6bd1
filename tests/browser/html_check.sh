#!/usr/bin/env bash
# report.html in a real browser (headless Chromium): the archived H100 run
# with model's summary and decode CSVs (tests/fixtures/render/*_h100_full.csv)
# is rendered, and report.html alone is copied into an empty folder, so a
# figure that still pointed at fig/*.png would be missing there.
#   - the DOM after load: every <figure> holds an SVG drawn at least 100 px
#     high with its glyphs and paths, or an image that loaded;
#   - a screenshot of each figure on its own: at least 2 % of its pixels are
#     ink (a broken image is an icon and its alt text: well under 1 %);
#   - both checks are run once more on a copy whose first figure is an <img>
#     of a file that is not there, and must fail on it.
# Run by .ci/run (Chromium is ~300 MB of packages, too heavy for make test).
# Prints each failure and exits non-zero if there was any.
#   TESTS_DIR  the tests folder (default: this script's parent folder)
#   BIN        the folder holding render (default: bin)
#   CHROMIUM   the browser (default: chromium)
set -u
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${BIN:-bin}
CHROMIUM=${CHROMIUM:-chromium}
render=$(cd "$(dirname "$BIN/render")" 2>/dev/null && pwd)/render
fx=$TESTS_DIR/fixtures/render
tmp=$(mktemp -d "${TMPDIR:-/tmp}/html_check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "html_check.sh: FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -x "$render" ] || { echo "html_check.sh: no executable $BIN/render (set BIN)" >&2; exit 1; }
command -v "$CHROMIUM" >/dev/null || { echo "html_check.sh: $CHROMIUM missing (.ci/debian-packages.txt)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "html_check.sh: python3 missing" >&2; exit 1; }

browser() { # ARGS...: headless, no GPU, no sandbox (CI runs as root), time to lay out 2 MB
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --virtual-time-budget=15000 "$@" 2>/dev/null
}

"$render" --templates "$TESTS_DIR/../templates" --summary "$fx/summary_h100_full.csv" \
    --decode "$fx/decode_h100_full.csv" -o "$tmp/out" "$fx/model_h100_full.csv" 2>"$tmp/render.err" ||
    { echo "html_check.sh: render failed: $(head -c 300 "$tmp/render.err")" >&2; exit 1; }
mkdir -p "$tmp/alone" "$tmp/broken"
cp "$tmp/out/report.html" "$tmp/alone/report.html"
nfig=$(grep -c '^<figure>' "$tmp/alone/report.html")
[ "$nfig" -ge 10 ] || fail "report.html has $nfig figures, want the 10 the template shows"
grep -q '<img' "$tmp/alone/report.html" && fail "report.html still links an image: $(grep -o '<img[^>]*>' "$tmp/alone/report.html" | head -1)"

# The broken copy: its first figure's SVG replaced by an image that is not there.
awk 'BEGIN { done = 0 }
     !done && /^<svg role="img"/ { print "<img src=\"fig/missing.png\" alt=\"a missing figure\" />"; skip = 1; next }
     skip && /<\/svg>/ { skip = 0; done = 1; next }
     !skip { print }' "$tmp/alone/report.html" >"$tmp/broken/report.html"

# dom_check DIR: prints "N bad:i,j" for DIR/report.html, N figures, i, j the bad ones.
dom_check() {
    sed 's#</body>#<script>window.addEventListener("load", () => {\
  const bad = [];\
  document.querySelectorAll("figure").forEach((f, i) => {\
    const svg = f.querySelector("svg"), img = f.querySelector("img");\
    const drawn = svg \&\& svg.getBoundingClientRect().height >= 100 \&\& svg.querySelectorAll("path, use").length > 20;\
    const loaded = img \&\& img.complete \&\& img.naturalWidth > 0;\
    if (!drawn \&\& !loaded) bad.push(i + 1);\
  });\
  document.body.setAttribute("data-figures", document.querySelectorAll("figure").length + " bad:" + bad.join(","));\
});</script></body>#' "$1/report.html" >"$1/dom.html"
    browser --dump-dom "file://$1/dom.html" | grep -o 'data-figures="[^"]*"' | sed 's/data-figures="//; s/"$//'
}

# ink DIR I: the share of ink in a screenshot of figure I of DIR/report.html, alone on the page.
ink() {
    sed "s#</head>#<style>body>*{display:none!important}body>figure:nth-of-type($2){display:block!important}</style></head>#" \
        "$1/report.html" >"$1/fig$2.html"
    browser --window-size=900,800 --screenshot="$1/fig$2.png" "file://$1/fig$2.html" >/dev/null
    [ -s "$1/fig$2.png" ] || { echo 0; return; }
    python3 "$TESTS_DIR/browser/png_ink.py" "$1/fig$2.png"
}

got=$(dom_check "$tmp/alone")
[ "$got" = "$nfig bad:" ] || fail "the DOM after load: '$got', want '$nfig bad:' (every figure drawn)"
for i in $(seq 1 "$nfig"); do
    share=$(ink "$tmp/alone" "$i")
    awk -v s="$share" 'BEGIN { exit !(s >= 0.02) }' || fail "figure $i: $share of its screenshot is ink, want 2 % or more"
done

# The checks must catch a missing image.
got=$(dom_check "$tmp/broken")
[ "$got" = "$nfig bad:1" ] || fail "the DOM check passes a missing image: '$got', want '$nfig bad:1'"
share=$(ink "$tmp/broken" 1)
awk -v s="$share" 'BEGIN { exit !(s < 0.02) }' || fail "the screenshot check passes a missing image ($share ink)"

[ "$failures" -eq 0 ] || { echo "html_check.sh: $failures failure(s)" >&2; exit 1; }
echo "html_check.sh: ok ($nfig figures drawn in $CHROMIUM)"
