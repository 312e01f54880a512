#ifndef LOBBY_CRENDER_SHIM_H
#define LOBBY_CRENDER_SHIM_H
/* The C libraries of the rendering edge: cairo (surfaces, PNG), pango + pangocairo (text
   shaping and layout with fontconfig fonts), libqrencode (QR symbols). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#endif
