#ifndef C_STATEFUN_SYSTEM_H
#define C_STATEFUN_SYSTEM_H
// The platform seam's C side: headers Glibc's module map leaves out.
#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
#endif
