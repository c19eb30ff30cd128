# tests/segment.mk
