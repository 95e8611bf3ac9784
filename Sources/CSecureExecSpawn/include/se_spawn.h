// Starting a child process for the host's command executor (never linked into the worker).
#ifndef SE_SPAWN_H
#define SE_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv`/`envp` in `cwd`, in a process group of its own, with every signal
/// reset to its default disposition, an empty signal mask, descriptors 0/1/2 taken from
/// `stdin_fd`/`stdout_fd`/`stderr_fd` and every other descriptor closed. Returns 0 and sets
/// `*pid`, or an errno value.
int se_spawn_child(const char *path, char *const argv[], char *const envp[], const char *cwd,
                   int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid);

/// Adds "close every descriptor from `low` up" to `actions` (glibc's
/// posix_spawn_file_actions_addclosefrom_np). Returns 0 or an errno value.
int se_spawn_actions_closefrom(void *actions, int low);

/// `pipe2(fds, O_CLOEXEC)`. Returns 0 or an errno value.
int se_pipe_cloexec(int fds[2]);

/// `write(fd, bytes, count)` that never raises SIGPIPE in the host: the signal is blocked for
/// the calling thread and a pending one is consumed. Returns the count written or -errno.
long se_write_nosigpipe(int fd, const void *bytes, unsigned long count);

#endif
