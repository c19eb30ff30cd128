# tests/reader.mk
