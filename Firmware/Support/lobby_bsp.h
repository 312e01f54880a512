/* Board-support interface the Swift firmware calls (imported as a bridging header). */
#ifndef LOBBY_BSP_H
#define LOBBY_BSP_H

#include <stdint.h>

/* Starts the UART (RX interrupt), the tick timer and interrupts. */
void bsp_init(void);
/* Takes one received byte from the RX ring; returns 1 if one was there, else 0. */
int bsp_read_byte(uint8_t *byte);
/* Transmits one byte (waits only for the UART's transmit register). */
void bsp_write_byte(uint8_t byte);
/* Ticks since power-on. */
uint32_t bsp_ticks(void);
/* Tick rate in Hz. */
uint32_t bsp_ticks_per_second(void);
/* Sleeps (wfi) unless a byte is waiting or the tick count differs from `seen_ticks`. */
void bsp_sleep(uint32_t seen_ticks);
/* Restarts the chip. */
void bsp_reboot(void);
/* Raw key states (bit i = key i pressed); emulated boards have no keys wired. */
uint16_t bsp_raw_keys(void);
/* Serial and address from the per-instance configuration block, or the given defaults. */
uint32_t bsp_serial_low(uint32_t fallback);
uint32_t bsp_serial_high(uint32_t fallback);
uint8_t bsp_address(uint8_t fallback);
/* RX bytes dropped because the ring was full. */
uint32_t bsp_rx_overruns(void);

#endif
