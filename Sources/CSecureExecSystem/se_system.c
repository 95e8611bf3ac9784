#define _GNU_SOURCE
#include "se_system.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__)
#include <pthread.h>
#include <malloc.h>
#include <sys/mman.h>
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
const uint64_t se_resolve_no_symlinks = RESOLVE_NO_SYMLINKS;

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

// An allow-list: what the worker's threads were seen to need once the engine is up (strace over
// the whole test suite in process mode), plus calls that cannot reach outside the process. Every
// other call fails with EPERM. Nothing here names a path or creates a descriptor that reaches the
// outside (no open*, stat/readlink by path, socket, connect, exec, fork, kill, ptrace, io_uring…).
void se_release_stack_below(unsigned long keep) {
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return;
    void *low = NULL;
    size_t size = 0;
    int ok = pthread_attr_getstack(&attributes, &low, &size) == 0;
    pthread_attr_destroy(&attributes);
    if (!ok || low == NULL) return;
    volatile char here = 0;
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    const uintptr_t sp = (uintptr_t)&here;
    const uintptr_t start = ((uintptr_t)low + page - 1) & ~(page - 1);
    if (sp < start + keep) return;
    const uintptr_t end = (sp - keep) & ~(page - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_DONTNEED);
}

void se_map_large_blocks(unsigned long bytes) {
    (void)mallopt(M_MMAP_THRESHOLD, (int)bytes);
}

void se_trim_malloc(void) {
    (void)malloc_trim(0);
}

#define SE_ALLOW(nr) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define SE_EPERM BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define SE_LOAD_ARG(n) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[n]))
#define SE_LOAD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))

int se_install_worker_seccomp(void) {
#if defined(__x86_64__)
    const unsigned int self = (unsigned int)getpid();
    struct sock_filter filter[] = {
        // Only x86-64 system calls (no i386/x32 entry points around the filter).
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        SE_LOAD_NR,
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),  // x32 ABI
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        // The hottest calls first (the filter is a linear chain).
        SE_ALLOW(SYS_futex), SE_ALLOW(SYS_madvise), SE_ALLOW(SYS_clock_gettime), SE_ALLOW(SYS_poll),
        SE_ALLOW(SYS_write), SE_ALLOW(SYS_read), SE_ALLOW(SYS_recvfrom), SE_ALLOW(SYS_sendto),
        SE_ALLOW(SYS_sched_yield),
        // clone: threads only (CLONE_THREAD set); clone3 is refused so glibc falls back to clone.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4),
        SE_LOAD_ARG(0),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        SE_EPERM,
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
        // tgkill: only this process's own threads (the collector suspends threads with signals).
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_tgkill, 0, 4),
        SE_LOAD_ARG(0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        SE_EPERM,
        // prctl: naming threads only.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prctl, 0, 5),
        SE_LOAD_ARG(0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NAME, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_GET_NAME, 1, 0),
        SE_EPERM,
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        // The channel and descriptors the process already holds.
        SE_ALLOW(SYS_readv), SE_ALLOW(SYS_writev),
        SE_ALLOW(SYS_pread64), SE_ALLOW(SYS_recvmsg),
        SE_ALLOW(SYS_sendmsg), SE_ALLOW(SYS_poll), SE_ALLOW(SYS_ppoll), SE_ALLOW(SYS_close),
        SE_ALLOW(SYS_fstat), SE_ALLOW(SYS_shutdown),
        // Memory.
        SE_ALLOW(SYS_mmap), SE_ALLOW(SYS_munmap), SE_ALLOW(SYS_mprotect),
        SE_ALLOW(SYS_mremap), SE_ALLOW(SYS_brk), SE_ALLOW(SYS_membarrier),
        // Threads, locks, signals within the process.
        SE_ALLOW(SYS_set_robust_list), SE_ALLOW(SYS_rseq), SE_ALLOW(SYS_set_tid_address),
        SE_ALLOW(SYS_gettid), SE_ALLOW(SYS_getpid), SE_ALLOW(SYS_sched_getaffinity),
        SE_ALLOW(SYS_sched_setscheduler), SE_ALLOW(SYS_sched_getscheduler), SE_ALLOW(SYS_sched_getparam),
        SE_ALLOW(SYS_rt_sigaction), SE_ALLOW(SYS_rt_sigprocmask), SE_ALLOW(SYS_rt_sigreturn),
        SE_ALLOW(SYS_rt_sigsuspend), SE_ALLOW(SYS_sigaltstack), SE_ALLOW(SYS_restart_syscall),
        SE_ALLOW(SYS_exit), SE_ALLOW(SYS_exit_group),
        // Clocks and randomness.
        SE_ALLOW(SYS_clock_getres), SE_ALLOW(SYS_clock_nanosleep),
        SE_ALLOW(SYS_nanosleep), SE_ALLOW(SYS_gettimeofday), SE_ALLOW(SYS_getrusage), SE_ALLOW(SYS_getrandom),
        // Adding a filter can only take more away.
        SE_ALLOW(SYS_seccomp),
        SE_EPERM,
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
void se_release_stack_below(unsigned long keep) { (void)keep; }
void se_map_large_blocks(unsigned long bytes) { (void)bytes; }
void se_trim_malloc(void) {}
int se_install_worker_seccomp(void) { return -ENOSYS; }
const int se_o_path = 0;
const int se_at_empty_path = 0;
const uint64_t se_resolve_in_root = 0;
const uint64_t se_resolve_no_magiclinks = 0;
const uint64_t se_resolve_no_xdev = 0;
const uint64_t se_resolve_no_symlinks = 0;

int se_openat2(int dirfd, const char *path, int flags, unsigned int mode, uint64_t resolve) {
    (void)dirfd; (void)path; (void)flags; (void)mode; (void)resolve;
    return -ENOSYS;
}
#endif

// MARK: - Shared memory

#if defined(__linux__)
#include <linux/futex.h>
#include <time.h>

int se_shared_memory(unsigned long size) {
    int fd = (int)syscall(SYS_memfd_create, "secure-exec-sync", MFD_CLOEXEC);
    if (fd < 0) return -errno;
    if (ftruncate(fd, (off_t)size) != 0) {
        int error = errno;
        close(fd);
        return -error;
    }
    return fd;
}

void *se_map_shared(int fd, unsigned long size) {
    void *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    return base == MAP_FAILED ? NULL : base;
}

int se_futex_wait(uint32_t *word, uint32_t expected, long timeout_ns) {
    struct timespec timeout = { timeout_ns / 1000000000L, timeout_ns % 1000000000L };
    if (syscall(SYS_futex, word, FUTEX_WAIT, expected, &timeout, NULL, 0) != 0) return -errno;
    return 0;
}

void se_futex_wake(uint32_t *word) {
    syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}
#else
int se_shared_memory(unsigned long size) { (void)size; return -ENOSYS; }
void *se_map_shared(int fd, unsigned long size) { (void)fd; (void)size; return NULL; }
int se_futex_wait(uint32_t *word, uint32_t expected, long timeout_ns) { (void)word; (void)expected; (void)timeout_ns; return -ENOSYS; }
void se_futex_wake(uint32_t *word) { (void)word; }
#endif

uint32_t se_load(const uint32_t *word) { return __atomic_load_n(word, __ATOMIC_SEQ_CST); }
void se_store(uint32_t *word, uint32_t value) { __atomic_store_n(word, value, __ATOMIC_SEQ_CST); }
uint32_t se_load_acquire(const uint32_t *word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }
void se_store_release(uint32_t *word, uint32_t value) { __atomic_store_n(word, value, __ATOMIC_RELEASE); }

void se_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
