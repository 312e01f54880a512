/* Vector table, reset handler and the few C library routines the Swift code needs. */
#include <stddef.h>
#include <stdint.h>
#include "lobby_bsp.h"

extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end, __stack_bottom, __stack_top;
extern void bsp_uart_irq(void);
extern void bsp_tick_irq(void);
extern int main(int argc, char **argv);

/* Per-instance configuration, placed at the start of RAM and never initialised by startup:
   QEMU's `-device loader` (or a production flasher) writes it before the CPU starts. */
struct lobby_config {
    uint32_t magic;       /* 0x5359424C ("LBYS") when valid */
    uint32_t serial_low;
    uint32_t serial_high;
    uint32_t address;     /* low byte used when non-zero */
};
__attribute__((section(".noinit"), used)) volatile struct lobby_config lobby_config;

uint32_t bsp_serial_low(uint32_t fallback) {
    return lobby_config.magic == 0x5359424Cu ? lobby_config.serial_low : fallback;
}
uint32_t bsp_serial_high(uint32_t fallback) {
    return lobby_config.magic == 0x5359424Cu ? lobby_config.serial_high : fallback;
}
uint8_t bsp_address(uint8_t fallback) {
    if (lobby_config.magic == 0x5359424Cu && (lobby_config.address & 0xFF) != 0) {
        return (uint8_t)lobby_config.address;
    }
    return fallback;
}

void *memset(void *dst, int value, size_t count) {
    uint8_t *d = dst;
    while (count--) *d++ = (uint8_t)value;
    return dst;
}
void *memcpy(void *dst, const void *src, size_t count) {
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (count--) *d++ = *s++;
    return dst;
}
void *memmove(void *dst, const void *src, size_t count) {
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d < s) {
        while (count--) *d++ = *s++;
    } else {
        d += count;
        s += count;
        while (count--) *--d = *--s;
    }
    return dst;
}
int memcmp(const void *a, const void *b, size_t count) {
    const uint8_t *x = a, *y = b;
    for (; count; count--, x++, y++) {
        if (*x != *y) return *x < *y ? -1 : 1;
    }
    return 0;
}
void __aeabi_memcpy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy4(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy8(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memmove(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove4(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove8(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memset(void *d, size_t n, int v) { memset(d, v, n); }
void __aeabi_memset4(void *d, size_t n, int v) { memset(d, v, n); }
void __aeabi_memset8(void *d, size_t n, int v) { memset(d, v, n); }
void __aeabi_memclr(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr4(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr8(void *d, size_t n) { memset(d, 0, n); }

/* The firmware never allocates (fixed buffers only); these exist so the Swift runtime
   links. An allocation request fails, which the Swift runtime turns into a trap. */
int posix_memalign(void **out, size_t alignment, size_t size) {
    (void)alignment; (void)size;
    *out = NULL;
    return 12; /* ENOMEM */
}
void free(void *pointer) { (void)pointer; }


void Reset_Handler(void) {
    uint32_t *src = &__data_load, *dst = &__data_start;
    while (dst < &__data_end) *dst++ = *src++;
    for (dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;
    /* Paint the unused stack so its high-water mark can be measured (Scripts/measure.py). */
    uint32_t *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    for (dst = &__stack_bottom; dst < sp - 16;) *dst++ = 0x57AC57ACu;
#if defined(__ARM_FP)
    /* Enable CP10/CP11 (the FPU) before any floating-point instruction. */
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
    __asm volatile("dsb\n isb");
#endif
    main(0, 0);
    for (;;) __asm volatile("wfi");
}

static void Default_Handler(void) {
    for (;;) __asm volatile("wfi");
}

void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));

#if defined(LOBBY_BOARD_MICROBIT)
#define IRQ_COUNT 32
#define UART_IRQ 2
#define TICK_IRQ 8
#else
#define IRQ_COUNT 32
#define UART_IRQ 0
#define UART_IRQ_TX 1
#define UART_IRQ_OVF 12
#endif

typedef void (*vector_t)(void);

static void systick_handler(void) {
#if !defined(LOBBY_BOARD_MICROBIT)
    bsp_tick_irq();
#endif
}

/* Every slot defaults to Default_Handler; the used interrupts override their slot. */
#pragma clang diagnostic ignored "-Winitializer-overrides"
__attribute__((section(".vectors"), used)) const vector_t vector_table[16 + IRQ_COUNT] = {
    [0] = (vector_t)&__stack_top,
    [1] = Reset_Handler,
    [2] = NMI_Handler,
    [3] = HardFault_Handler,
    [4 ... 14] = Default_Handler,
    [15] = systick_handler,
    [16 ... 16 + IRQ_COUNT - 1] = Default_Handler,
    [16 + UART_IRQ] = bsp_uart_irq,
#if defined(LOBBY_BOARD_MICROBIT)
    [16 + TICK_IRQ] = bsp_tick_irq,
#else
    [16 + UART_IRQ_TX] = bsp_uart_irq,
    [16 + UART_IRQ_OVF] = bsp_uart_irq,
#endif
};
