# tests/glossary.mk
