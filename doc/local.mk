# doc/local.mk — manual pages, tutorials, and `make report`.
#
#   make report   writes out/report/index.html, the translation status of
#                 the corpus (LANGUAGE=ko or es for the page in Korean or
#                 Spanish), with the tools just built.

dist_man_MANS = doc/man/missive.1 doc/man/missive.yaml.5 \
	doc/man/missive-glossary.5 doc/man/missive-plugin.3

EXTRA_DIST += doc/tutorial-translating.md doc/tutorial-adding-a-language.md \
	doc/tutorial-writing-a-plugin.md doc/images/report-en.png \
	doc/images/report-ko.png doc/images/report-es.png

report: $(missive_tools) $(cli_locale_mo)
	$(AM_V_GEN)MISSIVE_LOCALEDIR='$(abs_top_builddir)/locale' \
	  $(MISSIVE_RUN) report --out '$(abs_top_builddir)/out/report'

.PHONY: report
