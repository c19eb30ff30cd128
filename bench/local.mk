# bench/local.mk — `make bench`: missive side by side with po4a, Translate
# Toolkit and msgmerge on a generated corpus (bench/README.md).  Never part
# of `make check`: timings are measured here, not asserted.
#
#   make bench         100, 1,000 and 5,000 letters (long: see the README)
#   make bench-quick   100 and 1,000 letters
#   make bench BENCH_FLAGS='--sizes 200 --reps 1 --no-peers'
#
# Generated projects go to bench-work/ in the build tree; the table goes
# to standard output and to $(srcdir)/bench/results.md.

EXTRA_DIST += bench/run bench/gen.py bench/README.md bench/results.md \
	bench/debian-packages bench/merge-scaling bench/segment-bench.py \
	bench/segment-results.md
EXTRA_DIST += bench/tm-bench.sh bench/compare-builds.sh

BENCH_FLAGS =
bench_run = '$(srcdir)/bench/run' --builddir '$(abs_top_builddir)' \
	--work '$(abs_top_builddir)/bench-work'

bench: core/missive$(EXEEXT) $(pkglib_LTLIBRARIES)
	$(bench_run) $(BENCH_FLAGS)
bench-quick: core/missive$(EXEEXT) $(pkglib_LTLIBRARIES)
	$(bench_run) --quick $(BENCH_FLAGS)
.PHONY: bench bench-quick

clean-local: clean-bench
clean-bench:
	rm -rf bench-work
.PHONY: clean-bench

# `make bench-segment`: seconds per MB of `missive segment` (bench/segment-results.md)
bench-segment: core/missive$(EXEEXT)
	python3 '$(srcdir)/bench/segment-bench.py' --missive '$(abs_top_builddir)/core/missive'
.PHONY: bench-segment
