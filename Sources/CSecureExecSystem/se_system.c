#define _GNU_SOURCE
#include "se_system.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
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

#define SE_DENY(nr) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

int se_install_worker_seccomp(void) {
#if defined(__x86_64__)
    struct sock_filter filter[] = {
        // Only x86-64 system calls (no i386/x32 entry points around the filter).
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),  // x32 ABI
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        // clone: threads only (CLONE_THREAD set); clone3 is refused so glibc falls back to clone.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
        SE_DENY(SYS_open), SE_DENY(SYS_openat), SE_DENY(SYS_openat2), SE_DENY(SYS_creat),
        SE_DENY(SYS_open_by_handle_at), SE_DENY(SYS_name_to_handle_at),
        SE_DENY(SYS_socket), SE_DENY(SYS_socketpair), SE_DENY(SYS_connect), SE_DENY(SYS_bind),
        SE_DENY(SYS_listen), SE_DENY(SYS_accept), SE_DENY(SYS_accept4),
        SE_DENY(SYS_execve), SE_DENY(SYS_execveat), SE_DENY(SYS_fork), SE_DENY(SYS_vfork),
        SE_DENY(SYS_ptrace), SE_DENY(SYS_process_vm_readv), SE_DENY(SYS_process_vm_writev),
        SE_DENY(SYS_kill), SE_DENY(SYS_tkill), SE_DENY(SYS_unlink), SE_DENY(SYS_unlinkat), SE_DENY(SYS_rename),
        SE_DENY(SYS_renameat), SE_DENY(SYS_renameat2), SE_DENY(SYS_mkdir), SE_DENY(SYS_mkdirat), SE_DENY(SYS_rmdir),
        SE_DENY(SYS_symlink), SE_DENY(SYS_symlinkat), SE_DENY(SYS_link), SE_DENY(SYS_linkat),
        SE_DENY(SYS_chmod), SE_DENY(SYS_fchmodat), SE_DENY(SYS_chown), SE_DENY(SYS_fchownat), SE_DENY(SYS_truncate),
        SE_DENY(SYS_mount), SE_DENY(SYS_umount2), SE_DENY(SYS_chroot), SE_DENY(SYS_pivot_root),
        SE_DENY(SYS_setns), SE_DENY(SYS_unshare), SE_DENY(SYS_bpf), SE_DENY(SYS_perf_event_open),
        SE_DENY(SYS_memfd_create), SE_DENY(SYS_userfaultfd), SE_DENY(SYS_io_uring_setup),
        SE_DENY(SYS_init_module), SE_DENY(SYS_finit_module), SE_DENY(SYS_kexec_load),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { .len = (unsigned short)(sizeof filter / sizeof filter[0]), .filter = filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program) != 0) return -errno;
    return 0;
#else
    return -ENOSYS;
#endif
}

#else
int se_install_worker_seccomp(void) { return -ENOSYS; }
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
