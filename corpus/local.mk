# corpus/local.mk — the corpus letters and `make translate`.
#
#   make translate   extract → update → build, for every language in
#                    po/LINGUAS and every format in missive.yaml.
#
# Stamps decide from content, never from modification times alone: each
# run writes the names and checksums of what extract and update read
# (translate-stamps/sources, translate-stamps/po-<lang>) and replaces a
# stamp only when they changed, so a renamed letter, a letter with an old
# date (tar, cp -p) or a deleted one runs extract and update again.
# `missive build` runs every time: it decides by itself, from the content
# manifest in out/.missive/, what to rebuild, and a run with nothing to
# do only reads and hashes its inputs.  Catalogues live in the source
# tree ($(srcdir)/po), outputs in the build tree (out/).
#
# The project, the outputs, the stamps and the plugins can be pointed
# elsewhere (the tests run `make translate` on a copy):
#   make translate TRANSLATE_PROJECT=DIR TRANSLATE_OUT=DIR \
#        TRANSLATE_STAMPS=DIR TRANSLATE_PLUGINS=DIR   (absolute paths)

corpus_letters = $(sort $(wildcard $(srcdir)/corpus/*.md))
EXTRA_DIST += $(corpus_letters) po/LINGUAS $(wildcard $(srcdir)/po/*.po) \
	$(wildcard $(srcdir)/po/*.pot) $(wildcard $(srcdir)/po/glossary.yaml)

TRANSLATE_PROJECT = $(abs_top_srcdir)
TRANSLATE_OUT = $(abs_top_builddir)/out
TRANSLATE_STAMPS = $(abs_top_builddir)/translate-stamps
TRANSLATE_PLUGINS = $(abs_top_builddir)/plugins
translate_linguas = $(shell sed -e 's/\#.*//' '$(TRANSLATE_PROJECT)/po/LINGUAS')

MISSIVE_ENV = MISSIVE_PLUGIN_PATH='$(TRANSLATE_PLUGINS)' \
	MISSIVE_DATADIR='$(abs_top_srcdir)/data'
MISSIVE_RUN = $(MISSIVE_ENV) '$(abs_top_builddir)/core/missive' \
	-C '$(TRANSLATE_PROJECT)'
missive_tools = core/missive$(EXEEXT) $(pkglib_LTLIBRARIES)

# Letters are sources, never made: an empty rule spares make its search
# for an implicit rule for each of them.
$(corpus_letters) $(srcdir)/missive.yaml: ;

# STAMP FILES...: the names and checksums of FILES (in the project, whose
# folder is the working folder, so that a pattern names its files) into
# STAMP (an absolute path), replaced only when they changed.
translate_stamp = cd '$(TRANSLATE_PROJECT)' && stamp() { \
	  out=$$1; shift; cksum "$$@" > "$$out.new" 2>&1; \
	  if cmp -s "$$out.new" "$$out"; then rm -f "$$out.new"; \
	  else mv -f "$$out.new" "$$out"; fi; }; stamp

translate-force:
.PHONY: translate-force

$(TRANSLATE_STAMPS)/sources: translate-force
	@$(MKDIR_P) '$(TRANSLATE_STAMPS)'
	@$(translate_stamp) '$@' missive.yaml po/LINGUAS po/glossary.yaml corpus/*.md

$(TRANSLATE_STAMPS)/po-%: translate-force
	@$(MKDIR_P) '$(TRANSLATE_STAMPS)'
	@$(translate_stamp) '$@' po/$*.po

$(TRANSLATE_STAMPS)/extract: $(TRANSLATE_STAMPS)/sources $(missive_tools)
	$(AM_V_GEN)$(MISSIVE_RUN) extract
	@touch '$@'

# update rewrites po/<lang>.po: its stamp is taken again before the
# update's own, so that the next run does not update for nothing.
$(TRANSLATE_STAMPS)/update-%: $(TRANSLATE_STAMPS)/extract $(TRANSLATE_STAMPS)/po-%
	$(AM_V_GEN)$(MISSIVE_RUN) update --lang $*
	@$(translate_stamp) '$(TRANSLATE_STAMPS)/po-$*' po/$*.po
	@touch '$@'

# (the po- stamps are named here so that make keeps them: made by a
# pattern rule only, they would be intermediate files, deleted after the
# run)
translate: $(translate_linguas:%=$(TRANSLATE_STAMPS)/po-%) \
		$(translate_linguas:%=$(TRANSLATE_STAMPS)/update-%)
	$(AM_V_GEN)$(MISSIVE_RUN) build --out '$(TRANSLATE_OUT)'

.PHONY: translate
clean-local: clean-translate
clean-translate:
	rm -rf translate-stamps out
.PHONY: clean-translate
