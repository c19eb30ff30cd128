# tests/model.mk — the document model, units, configuration and the
# writer kit.
check_PROGRAMS += tests/test-units tests/test-config tests/test-kit
TESTS += tests/test-units tests/test-config tests/test-kit
tests_test_units_SOURCES = tests/test-units.c
tests_test_units_CPPFLAGS = $(test_cpp_flags)
tests_test_units_LDADD = $(test_ld_add)
tests_test_config_SOURCES = tests/test-config.c
tests_test_config_CPPFLAGS = $(test_cpp_flags)
tests_test_config_LDADD = $(test_ld_add)
tests_test_kit_SOURCES = tests/test-kit.c tests/model-build.h
tests_test_kit_CPPFLAGS = $(test_cpp_flags)
tests_test_kit_LDADD = $(test_ld_add)
check_PROGRAMS += tests/test-profile
TESTS += tests/test-profile
tests_test_profile_SOURCES = tests/test-profile.c
tests_test_profile_CPPFLAGS = $(test_cpp_flags)
tests_test_profile_LDADD = $(test_ld_add)
check_PROGRAMS += tests/test-fileio
TESTS += tests/test-fileio
tests_test_fileio_SOURCES = tests/test-fileio.c
tests_test_fileio_CPPFLAGS = $(test_cpp_flags)
tests_test_fileio_LDADD = $(test_ld_add)

# The installed library's exported names (core/libmissive.sym).
TESTS += tests/test-abi.sh
EXTRA_DIST += tests/test-abi.sh build-aux/abi-symbols
