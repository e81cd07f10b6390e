/* site.h: a call site as module+offset (site.c). */
#ifndef SHMFAULT_SITE_H
#define SHMFAULT_SITE_H

/* "prog+0x1a2 (main+0x22)" for a return address, into buf. */
void sf_site(const void *caller, char *buf, unsigned long len);

#endif
