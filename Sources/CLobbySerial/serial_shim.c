#define _GNU_SOURCE
#include "CLobbySerial.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/serial.h>
#include <pty.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static speed_t lobby_speed(uint32_t baud) {
    switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return (speed_t)0;
    }
}

int lobby_serial_configure_raw(int fd, uint32_t baud) {
    speed_t speed = lobby_speed(baud);
    if (speed == 0) return -EINVAL;
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -errno;
    cfmakeraw(&tio);
    tio.c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS);
    tio.c_cflag |= CS8 | CREAD | CLOCAL;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (cfsetispeed(&tio, speed) != 0 || cfsetospeed(&tio, speed) != 0) return -errno;
    if (tcsetattr(fd, TCSANOW, &tio) != 0) return -errno;
    return 0;
}

int lobby_serial_set_exclusive(int fd) { return ioctl(fd, TIOCEXCL) == 0 ? 0 : -errno; }

int lobby_serial_flush(int fd) { return tcflush(fd, TCIOFLUSH) == 0 ? 0 : -errno; }

int lobby_serial_set_rs485(int fd, uint32_t flags, uint32_t delay_before_ms, uint32_t delay_after_ms) {
    struct serial_rs485 config;
    memset(&config, 0, sizeof config);
    config.flags = flags;
    config.delay_rts_before_send = delay_before_ms;
    config.delay_rts_after_send = delay_after_ms;
    return ioctl(fd, TIOCSRS485, &config) == 0 ? 0 : -errno;
}

int lobby_serial_get_rs485(int fd, uint32_t *flags) {
    struct serial_rs485 config;
    memset(&config, 0, sizeof config);
    if (ioctl(fd, TIOCGRS485, &config) != 0) return -errno;
    *flags = config.flags;
    return 0;
}

int lobby_serial_open_pty(int *master, int *slave, char *path, size_t size) {
    struct termios tio;
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    tio.c_cflag |= CS8 | CREAD | CLOCAL;
    if (openpty(master, slave, NULL, &tio, NULL) != 0) return -errno;
    fcntl(*master, F_SETFD, FD_CLOEXEC);
    fcntl(*slave, F_SETFD, FD_CLOEXEC);
    const char *name = ttyname(*slave);
    if (name == NULL || strlen(name) + 1 > size) {
        int saved = name == NULL ? errno : ENAMETOOLONG;
        close(*master);
        close(*slave);
        return -saved;
    }
    strcpy(path, name);
    return 0;
}
