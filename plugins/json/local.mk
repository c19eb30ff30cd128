# plugins/json/local.mk — the "json" writer: the letter model for web
# applications (doc/json-schema.md).

pkglib_LTLIBRARIES += plugins/json.la
plugins_json_la_SOURCES = plugins/json/json.c
plugins_json_la_CPPFLAGS = $(AM_CPPFLAGS)
plugins_json_la_LDFLAGS = $(plugin_ld_flags)
plugins_json_la_LIBADD = $(plugin_lib_add)
