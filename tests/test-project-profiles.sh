#!/bin/sh
# test-project-profiles.sh — a project's own language profiles
# (missive.yaml `profiles:`, lang/ by default) reach every stage of a
# build, not only the checks: the date style and alignment (localize),
# the place-and-date pattern (the writer kit), quotation marks and the
# separator between translated sentences (units), and fonts in the PDF.
# The same project without the folder falls back to the installed
# profiles, so each assertion is checked against that baseline.
. "$srcdir/tap.sh"

missive="$top_builddir/core/missive"
P=$T/p
mkdir -p "$P/corpus" "$P/lang"
printf 'source: en\nlanguages: [fr]\nformats: [txt, html, pdf]\n' > "$P/missive.yaml"
cat > "$P/corpus/a.md" <<'LETTER'
---
date: 2025-10-28
place: Geneva
recipients:
  - name: Jane Doe
    title: Minister of Foreign Affairs
subject: A test letter
salutation: Dear Minister,
closing: Yours faithfully,
signatories:
  groups:
    - Some NGO
---
We write to you about "refoulement". It matters.
LETTER
cat > "$P/lang/fr.yaml" <<'PROFILE'
language: fr
name: French
layout:
  date-align: right
  place-date: "[{place}, le ]{date}"
dates:
  style: full
typography:
  quotes: ["«", "»", "‹", "›"]
  sentence-separator: " | "
fonts:
  serif: DejaVu Serif
  sans: DejaVu Sans
PROFILE

# build: extract, update and build the project in $P as a draft
build() {
	(cd "$P" && "$missive" extract && "$missive" update && rm -rf out \
		&& "$missive" build --draft) > "$T/build.log" 2>&1
}

check "the project builds with its own French profile" build
txt=$P/out/fr/a.txt
check "the date in the profile's full style, after the place pattern" \
	grep -q 'Geneva, le mardi 28 octobre 2025' "$txt"
check "the date on the right (date-align)" \
	grep -q '^  *Geneva, le mardi' "$txt"
check "the profile's quotation marks" grep -q '«refoulement»' "$txt"
check "the profile's sentence separator between units" \
	grep -q '«refoulement»\. | It matters\.' "$txt"
check "the same in the HTML" grep -q 'Geneva, le mardi 28 octobre 2025' "$P/out/fr/a.html"
if command -v pdffonts >/dev/null 2>&1; then
	check "the profile's fonts in the PDF" sh -c "pdffonts '$P/out/fr/a.pdf' | grep -q DejaVuSerif"
else
	tap_result 0 "# SKIP pdffonts not installed (poppler-utils)"
fi

# Without the folder: the installed profiles (French falls back to und).
mv "$P/lang" "$P/lang.off"
check "the project builds without its profiles folder" build
check "baseline: no place pattern, long date style" \
	sh -c "grep -q 'October\|octobre' '$txt' && ! grep -q 'le mardi' '$txt'"
check "baseline: the date on the left" sh -c "! grep -q '^  *Geneva' '$txt'"
check "baseline: no profile quotation marks" sh -c "! grep -q '«' '$txt'"
check "baseline: no DejaVu in the PDF" sh -c "! pdffonts '$P/out/fr/a.pdf' | grep -q DejaVuSerif"

# missive.yaml profiles: names another folder
mv "$P/lang.off" "$P/myprofiles"
printf 'profiles: myprofiles\n' >> "$P/missive.yaml"
check "profiles: names the folder" build
check "the named folder's profile is used" grep -q 'Geneva, le mardi' "$txt"

done_testing
