# plugins/pdf/local.mk — the "pdf" writer: paged PDF through Pango and Cairo.

pkglib_LTLIBRARIES += plugins/pdf.la
plugins_pdf_la_SOURCES = plugins/pdf/pdf.c
plugins_pdf_la_CPPFLAGS = $(AM_CPPFLAGS) $(PANGOCAIRO_CFLAGS) \
	-I$(top_srcdir)/plugins/paint
# -z nodelete: Pango initialises fontconfig on a thread of its own, and
# GLib registers types it never unregisters; unloading the module (when the
# host frees it) while that thread runs crashed the process at exit.  The
# module stays mapped until the process ends, as GModule's
# g_module_make_resident would do.
plugins_pdf_la_LDFLAGS = $(plugin_ld_flags) -Wl,-z,nodelete
plugins_pdf_la_LIBADD = plugins/libpaint.la $(plugin_lib_add) \
	$(PANGOCAIRO_LIBS) -lm
