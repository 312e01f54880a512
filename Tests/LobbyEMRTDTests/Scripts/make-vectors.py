#!/usr/bin/env python3
"""Writes Vectors/pycryptodome-cross-check.txt: 3DES-CBC, retail MAC and secure-messaging cases computed by an
independent implementation (Tests/Lab/emrtd_bac.py on pycryptodome), checked by LobbyEMRTDTests.

    Tests/Lab/setup-card-venv.sh /tmp/lobby-lab/card-venv
    /tmp/lobby-lab/card-venv/bin/python Tests/LobbyEMRTDTests/Scripts/make-vectors.py

Deterministic (fixed seed): rerunning gives the same file. Also checks the ICAO Appendix D file against the
Python implementation and exits 1 on a mismatch.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Lab"))
import emrtd_bac as bac  # noqa: E402

VECTORS = os.path.join(HERE, "..", "Vectors")


def appendix_d():
    values = {}
    for line in open(os.path.join(VECTORS, "icao-9303-11-appendix-d.txt")):
        if line.strip() and not line.startswith("#"):
            name, value = line.split()
            values[name] = value
    h = bytes.fromhex
    k_enc, k_mac = bac.keys_from_mrz("L898902C", "690806", "940623")
    assert bac.mrz_information("L898902C", "690806", "940623") == values["mrz_information"]
    assert k_enc.hex().upper() == values["k_enc"] and k_mac.hex().upper() == values["k_mac"]
    data = bac.terminal_authenticate(k_enc, k_mac, h(values["rnd_ic"]), h(values["rnd_ifd"]), h(values["k_ifd"]))
    assert data.hex().upper() == values["e_ifd"] + values["m_ifd"]
    answer, card = bac.card_authenticate(k_enc, k_mac, h(values["rnd_ic"]), h(values["k_ic"]), data)
    assert answer.hex().upper() + "9000" == values["external_authenticate_response"]
    assert card.ks_enc.hex().upper() == values["ks_enc"] and card.ks_mac.hex().upper() == values["ks_mac"]
    assert "%016X" % card.ssc == values["ssc"]
    terminal = bac.Session(card.ks_enc, card.ks_mac, card.ssc)
    for index in (1, 2, 3):
        command = h(values["command%d" % index])
        le = command[-1] if command[1] == 0xB0 else None
        data = command[5:5 + command[4]] if command[1] == 0xA4 else b""
        protected = terminal.wrap_command(command[0], command[1], command[2], command[3], data, le)
        assert protected.hex().upper() == values["protected_command%d" % index], index
        card.unwrap_command(protected)
        plain = h(values["response%d" % index])
        assert card.wrap_response(plain[:-2], plain[-2:]).hex().upper() == values["protected_response%d" % index], index
        terminal.next_counter()


def main():
    appendix_d()
    rng = random.Random(9303)
    lines = ["# Cross-check vectors from Tests/Lab/emrtd_bac.py (pycryptodome), written by Scripts/make-vectors.py.",
             "# tdes KEY PLAIN CIPHER (CBC, zero IV) | mac KEY MESSAGE MAC (ISO 9797-1 alg. 3, padding 2)",
             "# wrap KSENC KSMAC SSC COMMAND PROTECTED | unwrap KSENC KSMAC SSC PROTECTED PLAIN",
             "# (SSC is the counter before the operation; '-' stands for empty bytes)"]

    def hexs(data):
        return data.hex().upper() or "-"

    for _ in range(12):
        key = rng.randbytes(16)
        plain = rng.randbytes(8 * rng.randint(1, 6))
        lines.append("tdes %s %s %s" % (hexs(key), hexs(plain), hexs(bac.tdes_encrypt(key, plain))))
    for _ in range(12):
        key = rng.randbytes(16)
        message = rng.randbytes(rng.randint(0, 40))
        lines.append("mac %s %s %s" % (hexs(key), hexs(message), hexs(bac.retail_mac(key, message))))
    for _ in range(16):
        ks_enc, ks_mac, ssc = bac.adjust_parity(rng.randbytes(16)), bac.adjust_parity(rng.randbytes(16)), rng.getrandbits(64)
        ins = rng.choice([0xA4, 0xB0, 0xB1, 0x84, 0xCA])
        data = rng.randbytes(rng.choice([0, 1, 2, 7, 8, 9, 40])) if ins != 0xB0 else b""
        le = rng.choice([None, 1, 4, 0xDF, 256]) if data or ins != 0xA4 else None
        p1, p2 = rng.randint(0, 0x7F), rng.randint(0, 255)
        command = bytes([0x00, ins, p1, p2]) + (bytes([len(data)]) + data if data else b"")
        if le is not None:
            command += bytes([le & 0xFF])
        protected = bac.Session(ks_enc, ks_mac, ssc).wrap_command(0x00, ins, p1, p2, data, le)
        lines.append("wrap %s %s %016X %s %s" % (hexs(ks_enc), hexs(ks_mac), ssc, hexs(command), hexs(protected)))
    for _ in range(16):
        ks_enc, ks_mac, ssc = bac.adjust_parity(rng.randbytes(16)), bac.adjust_parity(rng.randbytes(16)), rng.getrandbits(64)
        data = rng.randbytes(rng.choice([0, 1, 4, 8, 15, 16, 100, 0xDF]))
        sw = rng.choice([b"\x90\x00", b"\x62\x82", b"\x6A\x82"])
        card = bac.Session(ks_enc, ks_mac, ssc - 1 & 0xFFFFFFFFFFFFFFFF)
        protected = card.wrap_response(data, sw)
        lines.append("unwrap %s %s %016X %s %s" % (hexs(ks_enc), hexs(ks_mac), ssc - 1 & 0xFFFFFFFFFFFFFFFF, hexs(protected), hexs(data + sw)))
    with open(os.path.join(VECTORS, "pycryptodome-cross-check.txt"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print("appendix D confirmed; wrote %d vectors" % (len(lines) - 4))


if __name__ == "__main__":
    main()
