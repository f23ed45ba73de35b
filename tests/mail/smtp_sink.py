"""An SMTP server on 127.0.0.1 for the notice tests (Debian's python3-aiosmtpd).

    python3 smtp_sink.py PORT FOLDER

Each message it accepts becomes FOLDER/<n>.eml: two lines with the envelope
(X-Envelope-From, X-Envelope-To) and then the bytes as received. The file is
written under a temporary name and renamed, so a reader never sees half of
one. Prints "ready" once it listens; stops on SIGTERM.
"""
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%d-%d-%d" % (time.time_ns(), os.getpid(), self.count)
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content)
        os.rename(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
