#!/usr/bin/python3
"""Interop check for qpidd-ref with Debian's python3-qpid-proton (BlockingConnection).

Usage: broker_proton_client.py <host:port>
Creates a queue over QMF (AMQP 1.0, as the Qpid tools do), sends and receives through it, queries
it back, and prints one JSON line with what it observed. Exits non-zero on any failure.
"""
import json
import sys

from proton import Message
from proton.utils import BlockingConnection


def qmf(conn, reply, sender, opcode, body, cid):
    sender.send(Message(subject="broker", reply_to=reply.link.remote_source.address, correlation_id=cid,
                        properties={"x-amqp-0-10.app-id": "qmf2", "qmf.opcode": opcode, "method": "request"},
                        body=body))
    replies = []
    while True:
        m = reply.receive(timeout=10)
        reply.accept()
        replies.append(m)
        if "partial" not in (m.properties or {}):
            return replies


def text(v):
    return v.decode() if isinstance(v, (bytes, bytearray)) else v


def main():
    url = sys.argv[1]
    conn = BlockingConnection(url, properties={"qpid.client_process": "proton-interop"})
    reply = conn.create_receiver(None, dynamic=True)
    sender = conn.create_sender("qmf.default.direct")
    out = {}

    r = qmf(conn, reply, sender, "_method_request", {
        "_object_id": {"_object_name": "org.apache.qpid.broker:broker:amqp-broker"},
        "_method_name": "create",
        "_arguments": {"type": "queue", "name": "interop-q", "properties": {"durable": True}, "strict": True},
    }, "1")[0]
    out["create"] = r.properties["qmf.opcode"]

    q = conn.create_sender("interop-q")
    for i in range(3):
        q.send(Message(body="hello-%d" % i, durable=True, properties={"n": i}))
    rcv = conn.create_receiver("interop-q")
    got = []
    for _ in range(3):
        m = rcv.receive(timeout=10)
        got.append(m.body)
        rcv.accept()
    rcv.close()  # the accepts are written before the detach, so the broker has them when it returns
    out["received"] = got

    rs = qmf(conn, reply, sender, "_query_request", {
        "_what": "OBJECT", "_object_id": {"_object_name": "org.apache.qpid.broker:queue:interop-q"}}, "2")
    objs = rs[0].body
    values = objs[0]["_values"]
    out["query"] = {
        "content_type": rs[0].content_type,
        "name": text(values["name"]),
        "name_is_bytes": isinstance(values["name"], bytes),
        "msgTotalEnqueues": values["msgTotalEnqueues"],
        "msgTotalDequeues": values["msgTotalDequeues"],
        "durable": values["durable"],
    }
    conns = qmf(conn, reply, sender, "_query_request", {"_what": "OBJECT", "_schema_id": {"_class_name": "connection"}}, "3")
    procs = [text(o["_values"].get("remoteProcessName")) for r in conns for o in r.body]
    out["connection_seen"] = "proton-interop" in procs
    mechs = [text(o["_values"].get("saslMechanism")) for r in conns for o in r.body]
    out["sasl_mechanisms"] = sorted(set(mechs))

    e = qmf(conn, reply, sender, "_method_request", {
        "_object_id": {"_object_name": "org.apache.qpid.broker:broker:amqp-broker"},
        "_method_name": "delete",
        "_arguments": {"type": "queue", "name": "no-such-queue", "options": {}},
    }, "4")[0]
    out["error"] = {"opcode": e.properties["qmf.opcode"], "code": e.body["_values"]["error_code"],
                    "text": text(e.body["_values"]["error_text"])}
    conn.close()
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
