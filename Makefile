# SPDX-License-Identifier: GPL-2.0
#
# Makefile - the OOM lab kit: host builds, the guests (arm64, arm32,
# x86_64), the lab demo, tests, benchmarks and checks. `make help` lists
# the targets; ARCH=arm32 or ARCH=x86_64 picks another guest for demo.

PREFIX ?= /usr/local
DESTDIR ?=
V ?= 0

ARCH ?= arm64
GUEST_ARCHES := arm64 arm32 x86_64
RLK := ./run_rlk_$(ARCH).sh
DEMO_DIR := build/demo/$(ARCH)
HOST_BUILD := $(CURDIR)/build/host
HOST_KDIR := /lib/modules/$(shell uname -r)/build
# Tests and benches run their own make: keep this make's flags from them,
# and the caller's language (the tests choose theirs).
CLEAN_ENV := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u LANGUAGE -u LC_ALL \
	-u LC_MESSAGES LANG=C.UTF-8
PROVE := $(CLEAN_ENV) prove $(if $(filter 1,$(V)),-v)
COMPONENT_TESTS := tests/lib oom_user_app/tests oom_log_analyzer/tests \
	oom_kernel_driver/tests oom_scenarios/helpers/tests oom_timeline/tests \
	tests/man tests/install tests/guest

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory -s
endif

.PHONY: all deps help guests setup demo test test-cold test-full mutate bench check \
	install uninstall clean

# What make and make install need beyond make itself, on a bare Debian:
# the compiler, msgfmt (the catalogues) and man (the pages).
BUILD_PACKAGES := gcc libc6-dev gettext man-db

## all: host builds of oom and oom-analyze (and the module, with headers)
all: deps
	$(Q)$(MAKE) -C oom_user_app O=$(HOST_BUILD)/oom_user_app V=$(V)
	$(Q)$(MAKE) -C oom_log_analyzer O=$(HOST_BUILD)/oom_log_analyzer V=$(V)
ifneq ($(wildcard $(HOST_KDIR)),)
	$(Q)$(MAKE) -C oom_kernel_driver KDIR=$(HOST_KDIR) V=$(V)
else
	@echo "alloc-oom.ko: skipped on the host, no headers at $(HOST_KDIR);" \
		"'make guests' builds it for the guests"
endif

## deps: what make and make install need (apt-get as root, else named)
deps:
	$(Q)if ! command -v cc >/dev/null || ! command -v msgfmt >/dev/null || \
		! command -v man >/dev/null; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "make: run 'sudo apt-get install $(BUILD_PACKAGES)' first" >&2; \
			exit 1; \
		fi; \
		echo "==> installing $(BUILD_PACKAGES)" >&2; \
		apt-get update -q >/dev/null; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $(BUILD_PACKAGES) >/dev/null || exit; \
	fi

## help: this list
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## setup: host packages and the Debian kernels of every guest
setup:
	$(Q)for arch in $(GUEST_ARCHES); do ./run_rlk_$$arch.sh setup || exit; done

## guests: builds and initramfs of every guest (arm64, arm32, x86_64)
guests:
	$(Q)for arch in $(GUEST_ARCHES); do ./run_rlk_$$arch.sh build || exit; done

## demo: the whole lab, unattended, in the guest (ARCH=arm64|arm32|x86_64),
## with its two runs' timelines charted there and plotted to build/demo/ARCH;
## RLK_LANG=zh_CN: in Chinese
demo:
	$(Q)$(RLK) build
	$(Q)rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(Q)$(RLK) exec -- sh demo/lab_tour.sh /host/$(DEMO_DIR)
	$(Q)for run in oom insmod; do \
		oom_timeline/plot $(DEMO_DIR)/$$run.timeline $(DEMO_DIR)/$$run.svg || exit; \
	done
	@echo "$(if $(filter zh%,$(RLK_LANG)),两次运行的图：,the two runs' pictures:)" \
		"$(DEMO_DIR)/oom.svg $(DEMO_DIR)/insmod.svg"

## test: every test (unit, host, every guest, the full Debian guest, whose
## image it builds when missing), as TAP through prove
test: guests
	$(Q)./run_rlk_arm64.sh build_rootfs
	$(Q)$(PROVE) $(COMPONENT_TESTS) tests/full

## test-cold: the guest tests again, every guest booted cold
test-cold: guests
	$(Q)RLK_SNAPSHOT=0 $(PROVE) tests/guest

## test-full: the lab built inside the full Debian guest (builds its image)
test-full:
	$(Q)./run_rlk_arm64.sh build_rootfs
	$(Q)$(PROVE) tests/full

## mutate: does the suite catch real bugs? each mutant of tests/mutate/mutants
## applied alone to a copy of the tree, its tests run; lists the survivors
mutate: guests
	$(Q)$(CLEAN_ENV) tests/mutate/run

## bench: boot, stressor, analyzer and timeline figures (medians, with
## references)
bench: all guests
	$(Q)$(CLEAN_ENV) bench/guest.sh
	$(Q)$(CLEAN_ENV) OOM=$(HOST_BUILD)/oom_user_app/oom oom_user_app/bench.sh
	$(Q)$(CLEAN_ENV) oom_log_analyzer/bench.sh $(HOST_BUILD)/oom_log_analyzer/oom-analyze
	$(Q)$(CLEAN_ENV) oom_timeline/bench.sh

## check: shellcheck on every script, cppcheck, checkpatch on the module,
## the man pages linted, the translations checked
check:
	$(Q)shellcheck -x -P SCRIPTDIR $(shell find . -path ./build -prune -o -type f \
		-not -name '*.md' -print | xargs awk \
		'FNR == 1 && /^#!.*[/ ](ba)?sh$$/ { print FILENAME }') \
		tests/lib/tap.sh tests/lib/lab.sh tests/lib/po.sh tests/lib/component.sh \
		oom_scenarios/lib.sh
	$(Q)$(MAKE) -C oom_user_app check
	$(Q)$(MAKE) -C oom_log_analyzer check
	$(Q)$(MAKE) -C oom_kernel_driver check
	$(Q)$(MAKE) -C oom_scenarios/helpers check
	$(Q)$(MAKE) -C oom_timeline check
	$(Q)$(MAKE) -C man check
	$(Q)for po in oom_*/po/*.po; do msgfmt --check -o /dev/null $$po || exit; done
	$(Q)cppcheck --enable=warning,style,performance,portability \
		--error-exitcode=1 -q guest/*.c common/msg.c common/parse.c \
		common/i18n.c

## install: oom and oom-analyze into $(DESTDIR)$(PREFIX)/bin, their
## translations into share/locale, the man pages into share/man
install: all
	$(Q)$(MAKE) -C oom_user_app O=$(HOST_BUILD)/oom_user_app install
	$(Q)$(MAKE) -C oom_log_analyzer O=$(HOST_BUILD)/oom_log_analyzer install
	$(Q)$(MAKE) -C man install

## uninstall: remove what install put there
uninstall:
	$(Q)$(MAKE) -C oom_user_app O=$(HOST_BUILD)/oom_user_app uninstall
	$(Q)$(MAKE) -C oom_log_analyzer O=$(HOST_BUILD)/oom_log_analyzer uninstall
	$(Q)$(MAKE) -C man uninstall

## clean: every build output, host and guest (the download cache stays)
clean:
	$(Q)$(MAKE) -C oom_user_app clean
	$(Q)$(MAKE) -C oom_log_analyzer clean
	$(Q)$(MAKE) -C oom_kernel_driver clean KDIR=$(CURDIR)/build/no-kdir
	$(Q)$(MAKE) -C oom_scenarios/helpers clean
	$(Q)$(MAKE) -C oom_timeline clean
	$(Q)rm -rf build
