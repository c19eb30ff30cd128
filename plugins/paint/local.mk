# plugins/paint/local.mk — the letter's images (logo, signature) decoded
# and drawn with Cairo (PNG) and librsvg (SVG): a convenience library the
# pdf and docx modules link in.

noinst_LTLIBRARIES += plugins/libpaint.la
plugins_libpaint_la_SOURCES = plugins/paint/paint.c plugins/paint/paint.h
plugins_libpaint_la_CPPFLAGS = $(AM_CPPFLAGS) $(RSVG_CFLAGS)
plugins_libpaint_la_LIBADD = $(RSVG_LIBS)
