/* Board support for the MPS2 AN386 (Cortex-M4) as emulated by QEMU: CMSDK APB UART0 with
   RX interrupt, SysTick at 100 Hz from the 25 MHz system clock, wfi sleep. */
#include "lobby_bsp.h"
#include "rx_ring.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define UART0 0x40004000u
#define UART_DATA REG(UART0 + 0x00)
#define UART_STATE REG(UART0 + 0x04)
#define UART_CTRL REG(UART0 + 0x08)
#define UART_INTSTATUS REG(UART0 + 0x0C)
#define UART_BAUDDIV REG(UART0 + 0x10)
#define SYST_CSR REG(0xE000E010)
#define SYST_RVR REG(0xE000E014)
#define SYST_CVR REG(0xE000E018)
#define NVIC_ISER0 REG(0xE000E100)
#define AIRCR REG(0xE000ED0C)

#define SYSTEM_CLOCK 25000000u
#define TICK_HZ 100u

static struct rx_ring rx;
static volatile uint32_t ticks;

void bsp_uart_irq(void) {
    /* Acknowledge first, then drain: a byte arriving after the last check raises the
       interrupt again. (Clearing after draining could drop that interrupt while the byte
       sits in the data register, and the emulated UART then delivers nothing more.) */
    UART_INTSTATUS = 0xFu; /* clear TX, RX and overrun interrupt flags */
    UART_STATE = 0xCu;     /* clear overrun bits */
    while (UART_STATE & 0x2u) rx_ring_push(&rx, (uint8_t)UART_DATA);
}

void bsp_tick_irq(void) { ticks++; }

void bsp_init(void) {
    UART_BAUDDIV = SYSTEM_CLOCK / 115200u;
    UART_CTRL = 0x1u | 0x2u | 0x8u; /* TX enable, RX enable, RX interrupt enable */
    NVIC_ISER0 = (1u << 0) | (1u << 12);
    SYST_RVR = SYSTEM_CLOCK / TICK_HZ - 1u;
    SYST_CVR = 0;
    SYST_CSR = 0x7u; /* enable, interrupt, processor clock */
    __asm volatile("cpsie i");
}

int bsp_read_byte(uint8_t *byte) { return rx_ring_pop(&rx, byte); }

void bsp_write_byte(uint8_t byte) {
    while (UART_STATE & 0x1u) {
    }
    UART_DATA = byte;
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
    while (UART_STATE & 0x1u) {
    }
    AIRCR = 0x05FA0004u; /* SYSRESETREQ */
    for (;;) {
    }
}
