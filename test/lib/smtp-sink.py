"""A one-connection SMTP listener on loopback for the notify scenario.

Usage: smtp-sink.py TRANSCRIPT PORTFILE [refuse]
Writes the port it listens on to PORTFILE, accepts one session, records
every line the client sent in TRANSCRIPT, and exits.  With "refuse", it
answers RCPT with 550.
"""
import socket
import sys

transcript, portfile = sys.argv[1], sys.argv[2]
refuse = len(sys.argv) > 3 and sys.argv[3] == "refuse"
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
srv.settimeout(20)
with open(portfile, "w") as f:
    f.write(str(srv.getsockname()[1]))
conn, _ = srv.accept()
conn.settimeout(20)
rf = conn.makefile("rb")
out = open(transcript, "w")


def reply(line):
    conn.sendall((line + "\r\n").encode())


reply("220 sink ESMTP")
data = False
for raw in rf:
    line = raw.decode("utf-8", "replace").rstrip("\r\n")
    out.write(line + "\n")
    if data:
        if line == ".":
            data = False
            reply("250 queued")
        continue
    verb = line.split(" ")[0].split(":")[0].upper()
    if verb in ("EHLO", "HELO"):
        reply("250-sink")
        reply("250 8BITMIME")
    elif verb == "MAIL":
        reply("250 ok")
    elif verb == "RCPT":
        reply("550 no such user" if refuse else "250 ok")
    elif verb == "DATA":
        data = True
        reply("354 go ahead")
    elif verb == "QUIT":
        reply("221 bye")
        break
    else:
        reply("500 what")
out.close()
