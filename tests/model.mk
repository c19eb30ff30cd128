# tests/model.mk — the document model, units and configuration.
check_PROGRAMS += tests/test-units tests/test-config
TESTS += tests/test-units tests/test-config
tests_test_units_SOURCES = tests/test-units.c
tests_test_units_CPPFLAGS = $(test_cpp_flags)
tests_test_units_LDADD = $(test_ld_add)
tests_test_config_SOURCES = tests/test-config.c
tests_test_config_CPPFLAGS = $(test_cpp_flags)
tests_test_config_LDADD = $(test_ld_add)
