# tests/report.mk — missive stats and report (checked in headless
# Chromium), missive speaking Korean and Spanish, the man pages, and a
# plugin built out of tree against an installed missive.
TESTS += tests/test-report.sh tests/test-nls.sh tests/test-man.sh \
	tests/test-plugin-example.sh
EXTRA_DIST += tests/test-report.sh tests/test-nls.sh tests/test-man.sh \
	tests/test-plugin-example.sh tests/report-numbers.py \
	tests/plugin-example/Makefile tests/plugin-example/outline.c \
	tests/plugin-example/README.md

# The plugin example runs `make install DESTDIR=…` in the build tree, and
# libtool relinks the modules while it installs them: a test loading
# plugins at that moment can find a module missing.  Run it after every
# other test, alone.
tests/test-plugin-example.log: $(filter-out tests/test-plugin-example.log,$(TEST_LOGS))
