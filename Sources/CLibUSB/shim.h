// The C interface of the USB edge: libusb-1.0 (found through pkg-config `libusb-1.0`).
#ifndef LOBBY_CLIBUSB_SHIM_H
#define LOBBY_CLIBUSB_SHIM_H

#include <libusb.h>

#endif
