# A client need not wait for a write's answer before it ends the
# transaction: this one sends the write and the TXN END (commit) together,
# twenty times.  The write is refused (53), the TXN END finds nothing to
# commit and fails, slapd answers after each, and nothing is stored.
P='ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net'
python3 - "$LDAPI_URI" "$ROOTDN" "$ROOTPW" "uid=bob,$P" <<'PY' || exit 1
import socket, sys, urllib.parse

uri, binddn, bindpw, target = sys.argv[1:5]
path = urllib.parse.unquote(uri.split("://", 1)[1].split("/", 1)[0])


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + body


def octets(s, tag=0x04):
    return tlv(tag, s.encode() if isinstance(s, str) else s)


def integer(i, tag=0x02):
    return tlv(tag, i.to_bytes(max(1, (i.bit_length() + 8) // 8), "big"))


def message(msgid, op, controls=b""):
    return tlv(0x30, integer(msgid) + op + controls)


TXN_START, TXN_SPEC, TXN_END = "1.3.6.1.1.21.1", "1.3.6.1.1.21.2", "1.3.6.1.1.21.3"


def read_tlv(buf, i):
    tag = buf[i]
    n = buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i:i + k], "big")
        i += k
    return tag, buf[i:i + n], i + n


class Conn:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.settimeout(10)
        self.s.connect(path)
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def result(self):
        """(msgid, resultCode) of the next response."""
        while True:
            if len(self.buf) >= 2:
                try:
                    _, body, end = read_tlv(self.buf, 0)
                except IndexError:
                    end = len(self.buf) + 1
                if end <= len(self.buf):
                    self.buf = self.buf[end:]
                    _, mid, j = read_tlv(body, 0)
                    _, op, _ = read_tlv(body, j)
                    _, code, _ = read_tlv(op, 0)
                    return int.from_bytes(mid, "big"), int.from_bytes(code, "big")
            data = self.s.recv(65536)
            if not data:
                raise SystemExit("slapd closed the connection")
            self.buf += data


for n in range(1, 21):
    c = Conn()
    c.send(message(1, tlv(0x60, integer(3) + octets(binddn) + octets(bindpw, 0x80))))
    if c.result() != (1, 0):
        raise SystemExit("bind failed")
    c.send(message(2, tlv(0x77, octets(TXN_START, 0x80))))
    mid, code = c.result()
    if (mid, code) != (2, 0):
        raise SystemExit("TXN START: %d" % code)
    spec = tlv(0xA0, tlv(0x30, octets(TXN_SPEC) + tlv(0x01, b"\xff") + octets("")))
    change = tlv(0x30, integer(2, 0x0A) + tlv(0x30, octets("title")
        + tlv(0x31, octets("pipelined %d" % n))))
    modify = message(3, tlv(0x66, octets(target) + tlv(0x30, change)), spec)
    end = message(4, tlv(0x77, octets(TXN_END, 0x80)
        + octets(tlv(0x30, tlv(0x01, b"\xff") + octets("")), 0x81)))
    c.send(modify + end)
    got = dict(c.result() for _ in range(2))
    if got.get(3) != 53:
        raise SystemExit("round %d: the write answered %s, expected 53" % (n, got.get(3)))
    if got.get(4) in (None, 0):
        raise SystemExit("round %d: the TXN END answered %s, expected an error" % (n, got.get(4)))
    c.send(message(5, tlv(0x42, b"")))
    c.s.close()
PY
got=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "uid=bob,$P" -s base title) ||
	{ echo "slapd does not answer"; exit 1; }
case $got in
*pipelined*) echo "a transaction's write was stored: $got"; exit 1 ;;
esac
# Each refusal in the audit trail: 1 + 27 before this step, 20 here.
n=$(grep -c "TENANCY REFUSED MOD dn=\"uid=bob,$P\" actor=\"$ROOTDN\" rule=transaction err=53" \
	"$TMPDIR/../slapd.log")
[ "$n" -ge 48 ] || { echo "$n transaction refusals of MOD in slapd's log, expected 48 or more"; exit 1; }
