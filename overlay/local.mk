# overlay/local.mk - placeholder; its owner fills it in
