# corpus/local.mk — the corpus letters and `make translate`.
#
#   make translate   extract → update → build, for every language in
#                    po/LINGUAS and every format in missive.yaml.
#
# Extract, update and build run only when their inputs changed (stamps in
# translate-stamps/); `missive build` itself skips outputs that are newer
# than their letter, catalogue and tools, so an edit to one PO file
# rebuilds only that language.  Catalogues live in
# the source tree ($(srcdir)/po), outputs in the build tree (out/).

corpus_letters = $(sort $(wildcard $(srcdir)/corpus/*.md))
corpus_linguas = $(shell sed -e 's/\#.*//' $(srcdir)/po/LINGUAS)
EXTRA_DIST += $(corpus_letters) po/LINGUAS $(wildcard $(srcdir)/po/*.po) \
	$(wildcard $(srcdir)/po/*.pot) $(wildcard $(srcdir)/po/glossary.yaml)

MISSIVE_ENV = MISSIVE_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	MISSIVE_DATADIR='$(abs_top_srcdir)/data'
MISSIVE_RUN = $(MISSIVE_ENV) '$(abs_top_builddir)/core/missive' \
	-C '$(abs_top_srcdir)'
missive_tools = core/missive$(EXEEXT) $(pkglib_LTLIBRARIES)

# Letters are sources, never made: an empty rule spares make its search
# for an implicit rule for each of them, which was most of the time of a
# no-op `make translate` on a large corpus.
$(corpus_letters) $(srcdir)/missive.yaml: ;

translate-stamps/extract: $(corpus_letters) $(srcdir)/missive.yaml $(missive_tools)
	@$(MKDIR_P) translate-stamps
	$(AM_V_GEN)$(MISSIVE_RUN) extract
	@touch $@

translate-stamps/update-%: translate-stamps/extract
	$(AM_V_GEN)$(MISSIVE_RUN) update --lang $*
	@touch $@

# The build runs again when anything it reads changed, or when something
# in out/ or its language folders was added or removed (a deleted output
# is rebuilt); with nothing changed, make alone answers and missive does
# not even start.  A failed build (a language refused by its checks)
# leaves the stamp alone, so the next run tries again.
translate-stamps/build: $(corpus_linguas:%=translate-stamps/update-%) \
		$(corpus_letters) $(srcdir)/missive.yaml \
		$(wildcard $(srcdir)/po/*.po $(srcdir)/po/glossary.yaml) \
		$(missive_tools) $(wildcard out out/*/)
	$(AM_V_GEN)$(MISSIVE_RUN) build --out '$(abs_top_builddir)/out'
	@touch $@

translate: translate-stamps/build

.PHONY: translate
clean-local: clean-translate
clean-translate:
	rm -rf translate-stamps out
.PHONY: clean-translate
