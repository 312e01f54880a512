#ifndef LOBBY_CPSEUDOTERMINAL_H
#define LOBBY_CPSEUDOTERMINAL_H
#include <stddef.h>
/* Opens a pseudo-terminal master (posix_openpt + grantpt + unlockpt, close-on-exec) and writes
   the slave path into path (size bytes). Returns the master descriptor, or -1 with errno set.
   A C helper because Swift's Glibc module does not export the X/Open pty functions. */
int lobby_open_pty_master(char *path, size_t size);
#endif
