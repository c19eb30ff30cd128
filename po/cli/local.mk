# po/cli/local.mk — missive's own messages: the gettext domain "missive"
# (the command, the library's diagnostics, the writer plugins and the
# status report), beside the corpus catalogues of po/.
#
#   make                 builds po/cli/<lang>.gmo and, for the build tree
#                        and the tests, locale/<lang>/LC_MESSAGES/missive.mo
#                        (point MISSIVE_LOCALEDIR at $(top_builddir)/locale)
#   make install         installs them as $(localedir)/<lang>/LC_MESSAGES/missive.mo
#   make update-cli-po   re-extracts po/cli/missive.pot from the files in
#                        po/cli/POTFILES and merges it into every <lang>.po

cli_linguas = ko es
cli_gmo = $(cli_linguas:%=po/cli/%.gmo)
cli_locale_mo = $(cli_linguas:%=locale/%/LC_MESSAGES/missive.mo)
CLI_XGETTEXT = xgettext
CLI_XGETTEXT_FLAGS = --keyword=_ --keyword=N_ --from-code=UTF-8 -C \
	--add-comments=TRANSLATORS: --package-name=missive \
	--package-version=$(PACKAGE_VERSION) --msgid-bugs-address='$(PACKAGE_BUGREPORT)'

EXTRA_DIST += po/cli/POTFILES po/cli/missive.pot po/cli/local.mk \
	$(cli_linguas:%=po/cli/%.po)
CLEANFILES += $(cli_gmo) $(cli_locale_mo)

po/cli/%.gmo: po/cli/%.po
	@$(MKDIR_P) po/cli
	$(AM_V_GEN)$(MSGFMT) -c -o $@ $<

locale/%/LC_MESSAGES/missive.mo: po/cli/%.gmo
	@$(MKDIR_P) $(@D)
	$(AM_V_at)cp $< $@

all-local: $(cli_gmo) $(cli_locale_mo)

install-data-local: install-cli-mo
install-cli-mo: $(cli_gmo)
	@for l in $(cli_linguas); do \
	  $(MKDIR_P) "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES" || exit 1; \
	  echo " $(INSTALL_DATA) po/cli/$$l.gmo '$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/missive.mo'"; \
	  $(INSTALL_DATA) po/cli/$$l.gmo "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/missive.mo" || exit 1; \
	done

uninstall-local: uninstall-cli-mo
uninstall-cli-mo:
	@for l in $(cli_linguas); do \
	  rm -f "$(DESTDIR)$(localedir)/$$l/LC_MESSAGES/missive.mo"; \
	done

# Maintainers: after changing messages in the sources.
update-cli-po:
	cd $(srcdir) && $(CLI_XGETTEXT) $(CLI_XGETTEXT_FLAGS) \
	  -f po/cli/POTFILES -o po/cli/missive.pot
	@for l in $(cli_linguas); do \
	  echo "$(MSGMERGE) --update --backup=none --previous $(srcdir)/po/cli/$$l.po"; \
	  $(MSGMERGE) --quiet --update --backup=none --previous \
	    $(srcdir)/po/cli/$$l.po $(srcdir)/po/cli/missive.pot || exit 1; \
	done
	@for l in $(cli_linguas); do \
	  printf '%s: ' $$l; $(MSGFMT) -c --statistics -o /dev/null $(srcdir)/po/cli/$$l.po; \
	done

clean-local: clean-cli-locale
clean-cli-locale:
	-rm -rf locale

.PHONY: install-cli-mo uninstall-cli-mo update-cli-po clean-cli-locale
