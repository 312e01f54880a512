// The C interface of the sound edge: ALSA's libasound (Debian libasound2-dev, pkg-config `alsa`).
#ifndef LOBBY_CALSA_SHIM_H
#define LOBBY_CALSA_SHIM_H

#include <alsa/asoundlib.h>

#endif
