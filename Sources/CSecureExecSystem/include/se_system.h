// Thin wrappers over Linux system calls that Swift cannot call directly (variadic `syscall`).
#ifndef SE_SYSTEM_H
#define SE_SYSTEM_H

#include <stdint.h>

/// `openat2(dirfd, path, {flags, mode, resolve})`. Returns a descriptor, or -errno.
/// On platforms without openat2 it returns -ENOSYS.
int se_openat2(int dirfd, const char *path, int flags, unsigned int mode, uint64_t resolve);

/// RESOLVE_* flags of openat2 (0 where unsupported).
extern const uint64_t se_resolve_in_root;
extern const uint64_t se_resolve_no_magiclinks;
extern const uint64_t se_resolve_no_xdev;
extern const uint64_t se_resolve_no_symlinks;

/// open(2)/at-call flags glibc only exposes under _GNU_SOURCE.
extern const int se_o_path;
extern const int se_at_empty_path;

/// Gives the kernel back the pages of the calling thread's stack more than `keep` bytes below
/// the current frame (`madvise(MADV_DONTNEED)`): an idle engine thread holds only what its idle
/// loop uses, not the megabytes a deep call once touched. Only for threads whose frames below
/// the caller are dead (a thread loop between jobs). No-op where unsupported.
void se_release_stack_below(unsigned long keep);

/// Makes malloc serve every block of `bytes` or more from a mapping of its own, returned to the
/// kernel when freed (glibc's `M_MMAP_THRESHOLD`, which also stops glibc from raising the
/// threshold by itself). No-op where unsupported.
void se_map_large_blocks(unsigned long bytes);

/// Gives the kernel back what malloc holds free (glibc's `malloc_trim(0)`: the free pages of
/// every arena). No-op where unsupported.
void se_trim_malloc(void);

/// Locks the calling process down with an allow-list: from now on only the system calls an engine
/// needs on descriptors it already holds (read/write on its channel, memory, threads, futexes,
/// signals to its own threads, clocks, randomness) succeed; everything else — opening files,
/// creating sockets, starting programs or processes, tracing, path lookups — fails with EPERM.
/// Applies to every thread of the process. Returns 0, or -errno when the kernel refuses the filter.
int se_install_worker_seccomp(void);

// Shared memory between a host and its worker (the sync-call channel).

/// A new anonymous shared-memory file of `size` bytes (`memfd_create`, close-on-exec). Returns a
/// descriptor, or -errno (-ENOSYS where unsupported).
int se_shared_memory(unsigned long size);

/// `size` bytes of the shared-memory file `fd`, mapped readable and writable; NULL on failure.
void *se_map_shared(int fd, unsigned long size);

/// Sequentially consistent load and store of a 32-bit word another process also uses, and an
/// acquire load / release store for the fast path.
uint32_t se_load(const uint32_t *word);
void se_store(uint32_t *word, uint32_t value);
uint32_t se_load_acquire(const uint32_t *word);
void se_store_release(uint32_t *word, uint32_t value);

/// A CPU hint for spin loops (`pause`).
void se_spin_pause(void);

/// Sleeps while `*word == expected`, at most `timeout_ns` (a shared futex: works across
/// processes). Returns at once when the word differs. Returns 0, or -errno (EAGAIN, ETIMEDOUT,
/// EINTR, ENOSYS where unsupported).
int se_futex_wait(uint32_t *word, uint32_t expected, long timeout_ns);

/// Wakes the threads sleeping on `word` (any process).
void se_futex_wake(uint32_t *word);

#endif
