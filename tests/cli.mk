# tests/cli.mk — the missive command end to end.
TESTS += tests/test-cli.sh
EXTRA_DIST += tests/test-cli.sh tests/data/expected/000_b6b6d3f049d4ab14.en.txt
TESTS += tests/test-update.sh
EXTRA_DIST += tests/test-update.sh
TESTS += tests/test-links.sh
TESTS += tests/test-rebuild.sh tests/test-extract-threads.sh tests/test-build-threads.sh
EXTRA_DIST += tests/test-build-threads.sh
EXTRA_DIST += tests/test-extract-threads.sh
EXTRA_DIST += tests/test-rebuild.sh
EXTRA_DIST += tests/test-links.sh
# The pipeline through the library alone (core/project.h).
check_PROGRAMS += tests/test-project
TESTS += tests/test-project
tests_test_project_SOURCES = tests/test-project.c
tests_test_project_CPPFLAGS = $(test_cpp_flags)
tests_test_project_LDADD = $(test_ld_add)
# Freshness from content: the build manifest (out/.missive/manifest-*).
TESTS += tests/test-fresh.sh
EXTRA_DIST += tests/test-fresh.sh
# make translate (corpus/local.mk) on a copy of the project.
TESTS += tests/test-translate.sh
EXTRA_DIST += tests/test-translate.sh
TESTS += tests/test-project-profiles.sh
EXTRA_DIST += tests/test-project-profiles.sh
TESTS += tests/test-project-letterhead.sh
EXTRA_DIST += tests/test-project-letterhead.sh
