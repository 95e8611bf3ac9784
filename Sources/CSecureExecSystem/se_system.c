#define _GNU_SOURCE
#include "se_system.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <linux/openat2.h>
#include <sys/syscall.h>

const int se_o_path = O_PATH;
const int se_at_empty_path = AT_EMPTY_PATH;
const uint64_t se_resolve_in_root = RESOLVE_IN_ROOT;
const uint64_t se_resolve_no_magiclinks = RESOLVE_NO_MAGICLINKS;
const uint64_t se_resolve_no_xdev = RESOLVE_NO_XDEV;

int se_openat2(int dirfd, const char *path, int flags, unsigned int mode, uint64_t resolve) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (uint64_t)(unsigned int)flags;
    how.mode = (flags & (O_CREAT | __O_TMPFILE)) ? mode : 0;
    how.resolve = resolve;
    long fd;
    do {
        fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
    return fd < 0 ? -errno : (int)fd;
}
#else
const int se_o_path = 0;
const int se_at_empty_path = 0;
const uint64_t se_resolve_in_root = 0;
const uint64_t se_resolve_no_magiclinks = 0;
const uint64_t se_resolve_no_xdev = 0;

int se_openat2(int dirfd, const char *path, int flags, unsigned int mode, uint64_t resolve) {
    (void)dirfd; (void)path; (void)flags; (void)mode; (void)resolve;
    return -ENOSYS;
}
#endif
