# data/local.mk — installed data files.
