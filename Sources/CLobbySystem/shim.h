/* Linux system headers the Glibc module does not bring: eventfd(2) for LobbySystem's WakeSignal. */
#include <sys/eventfd.h>
