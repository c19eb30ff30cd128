# plugins/text/local.mk
