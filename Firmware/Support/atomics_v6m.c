/* ARMv6-M (Cortex-M0) has no exclusive loads/stores, so the compiler calls __sync_* helpers
   for 32-bit atomics (the Swift runtime's swift_once uses compare-and-swap). They run with
   interrupts masked, which is atomic on a single-core part. Defined through assembler names
   because clang does not let C code define builtins by their own name. */
#include <stdint.h>

static inline uint32_t irq_save(void) {
    uint32_t primask;
    __asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
    return primask;
}

static inline void irq_restore(uint32_t primask) { __asm volatile("msr primask, %0" ::"r"(primask) : "memory"); }

uint32_t lobby_cas_4(volatile uint32_t *p, uint32_t expected, uint32_t desired) __asm__("__sync_val_compare_and_swap_4");
uint32_t lobby_cas_4(volatile uint32_t *p, uint32_t expected, uint32_t desired) {
    uint32_t state = irq_save();
    uint32_t old = *p;
    if (old == expected) *p = desired;
    irq_restore(state);
    return old;
}

uint32_t lobby_fetch_add_4(volatile uint32_t *p, uint32_t value) __asm__("__sync_fetch_and_add_4");
uint32_t lobby_fetch_add_4(volatile uint32_t *p, uint32_t value) {
    uint32_t state = irq_save();
    uint32_t old = *p;
    *p = old + value;
    irq_restore(state);
    return old;
}

uint32_t lobby_fetch_sub_4(volatile uint32_t *p, uint32_t value) __asm__("__sync_fetch_and_sub_4");
uint32_t lobby_fetch_sub_4(volatile uint32_t *p, uint32_t value) {
    uint32_t state = irq_save();
    uint32_t old = *p;
    *p = old - value;
    irq_restore(state);
    return old;
}

uint32_t lobby_swap_4(volatile uint32_t *p, uint32_t value) __asm__("__sync_lock_test_and_set_4");
uint32_t lobby_swap_4(volatile uint32_t *p, uint32_t value) {
    uint32_t state = irq_save();
    uint32_t old = *p;
    *p = value;
    irq_restore(state);
    return old;
}
