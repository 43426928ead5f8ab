# SPDX-License-Identifier: GPL-2.0
#
# common/po.mk - a component's translations (gettext): included by the
# Makefiles of oom, oom-analyze and oom-timeline after they set
#   DOMAIN       the catalogue's name (the program's)
#   PO_SRC       the component's folder, which holds po/LANG.po
#   POT_SOURCES  the sources with messages, relative to PO_SRC
#   O, LOCALEDIR, DESTDIR, Q
# and before their all: rule, which lists $(MO). It gives:
#   MO           $(O)/locale/LANG/LC_MESSAGES/$(DOMAIN).mo, by msgfmt --check
#   make pot     the sources' messages into POT (default po/$(DOMAIN).pot)
#   make po      the same, merged into each po/LANG.po (new messages
#                untranslated, changed ones fuzzy: translate them)
#   install-mo, uninstall-mo   for install: and uninstall:

# Without msgfmt (package gettext) the program still builds, in English
# only: the lab's own `make` must work on a machine that lacks it.
ifneq ($(shell command -v msgfmt 2>/dev/null),)
LINGUAS := $(basename $(notdir $(wildcard $(PO_SRC)/po/*.po)))
else
LINGUAS :=
ifneq ($(filter-out clean check test uninstall uninstall-mo,$(or $(MAKECMDGOALS),all)),)
$(info $(DOMAIN): no msgfmt (package gettext): built without its translations)
endif
endif
MO := $(foreach l,$(LINGUAS),$(O)/locale/$(l)/LC_MESSAGES/$(DOMAIN).mo)
POT ?= $(PO_SRC)/po/$(DOMAIN).pot

.PHONY: pot po install-mo uninstall-mo
# The includer's first target stays its default goal.
po_default_goal := $(.DEFAULT_GOAL)

$(O)/locale/%/LC_MESSAGES/$(DOMAIN).mo: $(PO_SRC)/po/%.po
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

pot:
	cd $(PO_SRC) && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
		--add-comments=TRANSLATORS --package-name=$(DOMAIN) \
		--msgid-bugs-address= -o $(abspath $(POT)) $(POT_SOURCES)

po: pot
	for po in $(PO_SRC)/po/*.po; do \
		msgmerge -q --update --backup=none $$po $(POT) || exit; done

install-mo: $(MO)
	for l in $(LINGUAS); do \
		install -D -m 0644 $(O)/locale/$$l/LC_MESSAGES/$(DOMAIN).mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/$(DOMAIN).mo || exit; \
	done

uninstall-mo:
	for l in $(LINGUAS); do \
		rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/$(DOMAIN).mo; done

.DEFAULT_GOAL := $(po_default_goal)
