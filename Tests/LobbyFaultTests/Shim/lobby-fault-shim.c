// An LD_PRELOAD library that injects storage faults into a process, for the fault tier.
//
// The control file named by $LOBBY_FAULTS is re-read whenever it changes; each line is a setting:
//   prefix /some/dir       only files whose path starts with this are touched (required)
//   fsync-delay-ms N       fsync/fdatasync on those files sleep N ms first
//   fsync-error NAME       fsync/fdatasync fail with errno NAME (EIO, ENOSPC) without syncing
//   write-error NAME       write/pwrite/ftruncate/fallocate fail with errno NAME, writing nothing
//   write-error-every N    with write-error: only every Nth write fails (1: all)
//   clock-offset-ms N      the wall clock (CLOCK_REALTIME, gettimeofday, time) reads N ms later
//                          (negative: earlier); steps the clock as an NTP correction would
// An empty or missing file injects nothing. Counters of injected faults are appended to
// $LOBBY_FAULTS.log ("fsync-delay", "fsync-error", "write-error" lines) so tests can see them.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec seen_mtime;
static off_t seen_size = -1;
static ino_t seen_ino;
static char prefix[512];
static long fsync_delay_ms;
static int fsync_errno;
static int write_errno;
static long write_every = 1;
static unsigned long write_count;
static long long clock_offset_ms;

static int errno_named(const char *name) {
    if (!strcmp(name, "EIO")) return EIO;
    if (!strcmp(name, "ENOSPC")) return ENOSPC;
    if (!strcmp(name, "EDQUOT")) return EDQUOT;
    if (!strcmp(name, "EROFS")) return EROFS;
    return EIO;
}

static void note(const char *what) {
    const char *path = getenv("LOBBY_FAULTS");
    if (!path) return;
    char log[600];
    snprintf(log, sizeof log, "%s.log", path);
    int (*real_open)(const char *, int, ...) = dlsym(RTLD_NEXT, "open");
    ssize_t (*real_write)(int, const void *, size_t) = dlsym(RTLD_NEXT, "write");
    int fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return;
    char line[64];
    int n = snprintf(line, sizeof line, "%s\n", what);
    real_write(fd, line, (size_t)n);
    close(fd);
}

/// Re-reads the control file when it changed; call with the lock held.
static void refresh(void) {
    const char *path = getenv("LOBBY_FAULTS");
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        prefix[0] = 0;
        seen_size = -1;
        return;
    }
    // A file timestamp has the kernel tick's resolution: two same-size rewrites within one tick
    // look alike. A file changed within the last two seconds is therefore read again every time.
    struct timespec now;
    static __typeof__(&clock_gettime) raw_clock;
    if (!raw_clock) raw_clock = (__typeof__(&clock_gettime))dlsym(RTLD_NEXT, "clock_gettime");
    raw_clock(CLOCK_REALTIME, &now);
    int recent = now.tv_sec - st.st_mtim.tv_sec < 2;
    if (!recent && st.st_ino == seen_ino && st.st_size == seen_size && st.st_mtim.tv_sec == seen_mtime.tv_sec
        && st.st_mtim.tv_nsec == seen_mtime.tv_nsec) return;
    seen_ino = st.st_ino;
    seen_size = st.st_size;
    seen_mtime = st.st_mtim;
    prefix[0] = 0;
    fsync_delay_ms = 0;
    fsync_errno = 0;
    write_errno = 0;
    write_every = 1;
    clock_offset_ms = 0;
    FILE *f = fopen(path, "re");
    if (!f) return;
    char line[600], key[64], value[512];
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%63s %511s", key, value) != 2) continue;
        if (!strcmp(key, "prefix")) snprintf(prefix, sizeof prefix, "%s", value);
        else if (!strcmp(key, "fsync-delay-ms")) fsync_delay_ms = atol(value);
        else if (!strcmp(key, "fsync-error")) fsync_errno = errno_named(value);
        else if (!strcmp(key, "write-error")) write_errno = errno_named(value);
        else if (!strcmp(key, "write-error-every")) write_every = atol(value) > 0 ? atol(value) : 1;
        else if (!strcmp(key, "clock-offset-ms")) clock_offset_ms = atoll(value);
    }
    fclose(f);
}

/// Whether the file behind `fd` is one the control file targets.
static int targeted(int fd) {
    if (fd <= 2 || !prefix[0]) return 0;
    char link[64], target[600];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return 0;
    target[n] = 0;
    return strncmp(target, prefix, strlen(prefix)) == 0;
}

/// 0 to let the write through, else the errno to fail it with.
static int write_fault(int fd) {
    pthread_mutex_lock(&lock);
    refresh();
    int e = 0;
    if (write_errno && targeted(fd)) {
        write_count++;
        if (write_count % (unsigned long)write_every == 0) e = write_errno;
    }
    pthread_mutex_unlock(&lock);
    if (e) note("write-error");
    return e;
}

static int sync_fault(int fd) {
    pthread_mutex_lock(&lock);
    refresh();
    long delay = 0;
    int e = 0;
    if (targeted(fd)) {
        delay = fsync_delay_ms;
        e = fsync_errno;
    }
    pthread_mutex_unlock(&lock);
    if (delay > 0) {
        note("fsync-delay");
        struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
    }
    if (e) note("fsync-error");
    return e;
}

#define REAL(name) static __typeof__(&name) real_##name; if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count) {
    REAL(write);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
    REAL(pwrite64);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int n) {
    REAL(writev);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_writev(fd, iov, n);
}

int ftruncate(int fd, off_t length) {
    REAL(ftruncate);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off64_t length) {
    REAL(ftruncate64);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_ftruncate64(fd, length);
}

int fallocate(int fd, int mode, off_t offset, off_t len) {
    REAL(fallocate);
    int e = write_fault(fd);
    if (e) { errno = e; return -1; }
    return real_fallocate(fd, mode, offset, len);
}

int posix_fallocate(int fd, off_t offset, off_t len) {
    REAL(posix_fallocate);
    int e = write_fault(fd);
    if (e) return e;
    return real_posix_fallocate(fd, offset, len);
}

int fsync(int fd) {
    REAL(fsync);
    int e = sync_fault(fd);
    if (e) { errno = e; return -1; }
    return real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    int e = sync_fault(fd);
    if (e) { errno = e; return -1; }
    return real_fdatasync(fd);
}

static long long offset_now(void) {
    pthread_mutex_lock(&lock);
    refresh();
    long long o = clock_offset_ms;
    pthread_mutex_unlock(&lock);
    return o;
}

static void shift(struct timespec *ts, long long ms) {
    long long ns = (long long)ts->tv_nsec + (ms % 1000) * 1000000LL;
    ts->tv_sec += (time_t)(ms / 1000);
    while (ns < 0) { ns += 1000000000LL; ts->tv_sec -= 1; }
    while (ns >= 1000000000LL) { ns -= 1000000000LL; ts->tv_sec += 1; }
    ts->tv_nsec = (long)ns;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    REAL(clock_gettime);
    int r = real_clock_gettime(id, ts);
    if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
        long long o = offset_now();
        if (o) shift(ts, o);
    }
    return r;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    struct timespec ts;
    int r = clock_gettime(CLOCK_REALTIME, &ts);
    if (r == 0) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    (void)tz;
    return r;
}

time_t time(time_t *out) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out) *out = ts.tv_sec;
    return ts.tv_sec;
}
