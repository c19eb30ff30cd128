# tests/pdf-docx.mk — the pdf and docx writers, checked with real clients
# (poppler-utils for PDF, python3-docx for Word documents).

check_PROGRAMS += tests/render-paged
tests_render_paged_SOURCES = tests/render-paged.c
tests_render_paged_CPPFLAGS = $(test_cpp_flags)
tests_render_paged_LDADD = $(test_ld_add)

TESTS += tests/test-pdf.sh tests/test-docx.sh
EXTRA_DIST += tests/test-pdf.sh tests/test-docx.sh tests/docx-read.py \
	tests/pdf-look.py tests/data/paper/letter.md tests/data/paper/damaged.md \
	tests/data/paper/use-bomb.md tests/data/paper/images/logo.svg \
	tests/data/paper/images/signature.png tests/data/paper/images/damaged.png \
	tests/data/paper/images/use-bomb.svg tests/data/paper/images/sample-logo.svg \
	tests/data/paper/jpeg.md tests/data/paper/damaged-jpeg.md \
	tests/data/paper/external.md tests/data/paper/images/external.svg \
	tests/data/paper/images/signature.jpeg tests/data/paper/images/damaged.jpeg \
	doc/images/render.sh doc/images/letter-en.png
