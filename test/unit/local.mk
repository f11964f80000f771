# test/unit/local.mk - placeholder; its owner fills it in
