#ifndef LOBBY_CLOBBYSERIAL_H
#define LOBBY_CLOBBYSERIAL_H
#include <stddef.h>
#include <stdint.h>

/* termios and ioctl helpers for LobbySerial. C because Swift's Glibc module does not export
   every macro involved (TIOCSRS485, struct serial_rs485, the B* speed table, openpty). Every
   function returns 0 on success or a negative errno value. */

/* Puts the terminal in raw mode: cfmakeraw, CS8|CREAD|CLOCAL, no flow control, VMIN=0
   VTIME=0, the given baud rate (an unsupported rate gives -EINVAL). */
int lobby_serial_configure_raw(int fd, uint32_t baud);

/* Sets TIOCEXCL: further opens fail with EBUSY (except for privileged processes). */
int lobby_serial_set_exclusive(int fd);

/* Discards pending input and output (tcflush TCIOFLUSH). */
int lobby_serial_flush(int fd);

/* Kernel RS-485 mode (TIOCSRS485): flags as in struct serial_rs485 (bit0 ENABLED, bit1
   RTS_ON_SEND, bit2 RTS_AFTER_SEND, bit4 RX_DURING_TX, bit5 TERMINATE_BUS), delays in ms.
   A pty or an adapter without the ioctl gives -ENOTTY (or -EINVAL). */
int lobby_serial_set_rs485(int fd, uint32_t flags, uint32_t delay_before_ms, uint32_t delay_after_ms);

/* Reads the kernel RS-485 flags (TIOCGRS485) into *flags. */
int lobby_serial_get_rs485(int fd, uint32_t *flags);

/* Opens a pseudo-terminal pair with openpty; the slave is put in raw mode. Writes both
   descriptors (close-on-exec) and the slave path (size bytes). */
int lobby_serial_open_pty(int *master, int *slave, char *path, size_t size);


#endif
