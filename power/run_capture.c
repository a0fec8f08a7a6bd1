#include "run_capture.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int spawn(char *const argv[], int fd_out, int with_stderr, pid_t *pid, rl_error *err)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return rl_error_set(err, "cannot run %s: out of memory", argv[0]);
    int rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(&fa, fd_out, 1);
    if (rc == 0)
        rc = with_stderr ? posix_spawn_file_actions_adddup2(&fa, fd_out, 2)
                         : posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (rc == 0)
        rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return rl_error_set(err, "cannot run %s: %s", argv[0], strerror(rc));
    return 0;
}

/* Reads fd to EOF into out; 0 done, -1 too long or failed, 1 timed out. */
static int drain(int fd, long long deadline, char *out, size_t len)
{
    size_t got = 0;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return 1;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 1;
        ssize_t n = read(fd, out + got, len - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        got += (size_t)n;
        out[got] = '\0';
        if (got == len - 1)
            return -1;
    }
}

int run_capture(char *const argv[], int timeout_ms, int with_stderr, char *out, size_t len, rl_error *err)
{
    if (len < 2)
        return rl_error_set(err, "no room for the output of %s", argv[0]);
    out[0] = '\0';
    int fds[2];
    if (pipe(fds) != 0)
        return rl_error_set(err, "cannot run %s: %s", argv[0], strerror(errno));
    /* neither end may leak into other children; dup2 gives the child a
     * stdout without the flag */
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = 0;
    int rc = spawn(argv, fds[1], with_stderr, &pid, err);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    int d = drain(fds[0], now_ms() + timeout_ms, out, len);
    close(fds[0]);
    if (d != 0)
        kill(pid, SIGKILL); /* only the child started above */
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (d == 1)
        return rl_error_set(err, "%s did not finish within %d ms", argv[0], timeout_ms);
    if (d < 0)
        return rl_error_set(err, "output of %s longer than %zu bytes or unreadable", argv[0],
                            len - 2);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return rl_error_set(err, "cannot run %s (not found or not executable)", argv[0]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return rl_error_set(err, "%s exited with status %d", argv[0],
                            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 0;
}
