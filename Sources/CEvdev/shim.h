// The C interfaces of the evdev edge: libevdev, libevdev-uinput and the kernel's input codes.
#ifndef LOBBY_CEVDEV_SHIM_H
#define LOBBY_CEVDEV_SHIM_H

#include <libevdev/libevdev.h>
#include <libevdev/libevdev-uinput.h>
#include <linux/input.h>
#include <sys/inotify.h>
#include <sys/sysmacros.h>

/// major() of a device number (a macro in <sys/sysmacros.h>, which Swift cannot import).
static inline unsigned int lobby_device_major(dev_t device) { return major(device); }
/// minor() of a device number.
static inline unsigned int lobby_device_minor(dev_t device) { return minor(device); }

#endif
