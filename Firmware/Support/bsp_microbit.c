/* Board support for the BBC micro:bit (nRF51822, Cortex-M0) as emulated by QEMU: UART0 with
   RXDRDY interrupt, TIMER0 compare interrupt at 100 Hz, wfi sleep. */
#include "lobby_bsp.h"
#include "rx_ring.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define UART0 0x40002000u
#define UART_STARTRX REG(UART0 + 0x000)
#define UART_STARTTX REG(UART0 + 0x008)
#define UART_RXDRDY REG(UART0 + 0x108)
#define UART_TXDRDY REG(UART0 + 0x11C)
#define UART_INTENSET REG(UART0 + 0x304)
#define UART_ENABLE REG(UART0 + 0x500)
#define UART_RXD REG(UART0 + 0x518)
#define UART_TXD REG(UART0 + 0x51C)
#define UART_BAUDRATE REG(UART0 + 0x524)
#define TIMER0 0x40008000u
#define TIMER_START REG(TIMER0 + 0x000)
#define TIMER_CLEAR REG(TIMER0 + 0x00C)
#define TIMER_COMPARE0 REG(TIMER0 + 0x140)
#define TIMER_SHORTS REG(TIMER0 + 0x200)
#define TIMER_INTENSET REG(TIMER0 + 0x304)
#define TIMER_MODE REG(TIMER0 + 0x504)
#define TIMER_BITMODE REG(TIMER0 + 0x508)
#define TIMER_PRESCALER REG(TIMER0 + 0x510)
#define TIMER_CC0 REG(TIMER0 + 0x540)
#define NVIC_ISER0 REG(0xE000E100)
#define AIRCR REG(0xE000ED0C)

#define TICK_HZ 100u

static struct rx_ring rx;
static volatile uint32_t ticks;

void bsp_uart_irq(void) {
    while (UART_RXDRDY) {
        UART_RXDRDY = 0;
        rx_ring_push(&rx, (uint8_t)UART_RXD);
    }
}

void bsp_tick_irq(void) {
    if (TIMER_COMPARE0) {
        TIMER_COMPARE0 = 0;
        ticks++;
    }
}

void bsp_init(void) {
    UART_BAUDRATE = 0x01D7E000u; /* 115200 */
    UART_ENABLE = 4;
    UART_STARTRX = 1;
    UART_STARTTX = 1;
    UART_INTENSET = 1u << 2; /* RXDRDY */
    TIMER_MODE = 0;          /* timer */
    TIMER_BITMODE = 3;       /* 32 bit */
    TIMER_PRESCALER = 4;     /* 16 MHz / 2^4 = 1 MHz */
    TIMER_CC0 = 1000000u / TICK_HZ;
    TIMER_SHORTS = 1;        /* COMPARE0 -> CLEAR */
    TIMER_INTENSET = 1u << 16;
    TIMER_CLEAR = 1;
    TIMER_START = 1;
    NVIC_ISER0 = (1u << 2) | (1u << 8);
    __asm volatile("cpsie i");
}

int bsp_read_byte(uint8_t *byte) { return rx_ring_pop(&rx, byte); }

void bsp_write_byte(uint8_t byte) {
    UART_TXDRDY = 0;
    UART_TXD = byte;
    while (!UART_TXDRDY) {
    }
}

uint32_t bsp_ticks(void) { return ticks; }
uint32_t bsp_ticks_per_second(void) { return TICK_HZ; }
uint32_t bsp_rx_overruns(void) { return rx.overruns; }
uint16_t bsp_raw_keys(void) { return 0; }

void bsp_sleep(uint32_t seen_ticks) {
    __asm volatile("cpsid i" ::: "memory");
    if (rx_ring_empty(&rx) && ticks == seen_ticks) __asm volatile("wfi" ::: "memory");
    __asm volatile("cpsie i" ::: "memory");
}

void bsp_reboot(void) {
    AIRCR = 0x05FA0004u; /* SYSRESETREQ */
    for (;;) {
    }
}
