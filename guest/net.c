// SPDX-License-Identifier: GPL-2.0
/*
 * net.c - the guest's links: loopback in every boot, and for
 * RLK_NET=user the NIC, with QEMU's user networking's fixed addresses
 * (guest 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3), so no DHCP wait.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rlk.h"

#define NIC "eth0"

/* set_addr - @addr into the sockaddr @sa. */
static void set_addr(struct sockaddr *sa, const char *addr)
{
	struct sockaddr_in *in = (struct sockaddr_in *)sa;

	memset(in, 0, sizeof(*in));
	in->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &in->sin_addr);
}

/* link_up - the link @name up; 0, or -1 with errno set. */
int link_up(const char *name)
{
	struct ifreq ifr;
	int fd, rc = -1, err;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

/* set_up_net - NIC up with its address, the default route, the DNS. */
void set_up_net(void)
{
	struct ifreq ifr = { .ifr_name = NIC };
	struct rtentry rt;
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	set_addr(&ifr.ifr_addr, "10.0.2.15");
	if (ioctl(fd, SIOCSIFADDR, &ifr) < 0)
		goto fail;
	set_addr(&ifr.ifr_netmask, "255.255.255.0");
	if (ioctl(fd, SIOCSIFNETMASK, &ifr) < 0 || link_up(NIC) < 0)
		goto fail;
	memset(&rt, 0, sizeof(rt));
	set_addr(&rt.rt_dst, "0.0.0.0");
	set_addr(&rt.rt_genmask, "0.0.0.0");
	set_addr(&rt.rt_gateway, "10.0.2.2");
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	if (ioctl(fd, SIOCADDRT, &rt) < 0)
		goto fail;
	close(fd);
	write_file("/etc/resolv.conf", "nameserver 10.0.2.3\n");
	return;
fail:
	warn("cannot set up %s: %s", NIC, strerror(errno));
	close(fd);
}
