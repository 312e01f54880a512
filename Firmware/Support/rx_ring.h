/* Single-producer (UART interrupt) single-consumer (main loop) receive ring. */
#ifndef LOBBY_RX_RING_H
#define LOBBY_RX_RING_H
#include <stdint.h>

#define RX_RING_SIZE 256u
struct rx_ring {
    volatile uint8_t bytes[RX_RING_SIZE];
    volatile uint32_t head; /* written by the interrupt */
    volatile uint32_t tail; /* written by the main loop */
    volatile uint32_t overruns;
};

static inline void rx_ring_push(struct rx_ring *ring, uint8_t byte) {
    uint32_t head = ring->head;
    if (head - ring->tail >= RX_RING_SIZE) {
        ring->overruns++;
        return;
    }
    ring->bytes[head % RX_RING_SIZE] = byte;
    ring->head = head + 1;
}

static inline int rx_ring_pop(struct rx_ring *ring, uint8_t *byte) {
    uint32_t tail = ring->tail;
    if (tail == ring->head) return 0;
    *byte = ring->bytes[tail % RX_RING_SIZE];
    ring->tail = tail + 1;
    return 1;
}

static inline int rx_ring_empty(struct rx_ring *ring) { return ring->tail == ring->head; }
#endif
