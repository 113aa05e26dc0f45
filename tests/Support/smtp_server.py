"""Loopback SMTP server for the tests (Debian's python3-aiosmtpd).

Saves every accepted message as <n>.eml in the output folder. A recipient whose local part starts with
"reject" is refused with 550 (permanent), one starting with "tempfail" with 451 (transient).
Usage: smtp_server.py PORT OUTDIR
"""
import asyncio
import os
import sys

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("tempfail"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.outdir, f"{self.count}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(("X-Rcpt-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        return "250 Message accepted"


def main():
    port, outdir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    controller = Controller(Handler(outdir), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
