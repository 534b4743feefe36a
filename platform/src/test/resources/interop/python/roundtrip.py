"""Independent client for PythonInteropIT (Debian python3-confluent-kafka + python3-avro, legacy
confluent_kafka.avro API): reads the frames Java wrote, writes frames of its own (with the
registered schema, then with a compatible v2), and tries an incompatible v3.

Pixels travel compressed when the record says so (pixelCompression / frameCompression = ZSTD: one
Zstandard frame, Debian python3-zstandard).

Usage: /usr/bin/python3 roundtrip.py <bootstrap> <registryUrl> <topic> <javaRecords> <forecastTopic>
Prints one JSON object per line.
"""
import datetime
import json
import re
import struct
import sys
import time

import avro.schema
import zstandard
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.error import ClientError
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

bootstrap, registry_url, topic, java_records, forecast_topic = (sys.argv[1], sys.argv[2], sys.argv[3],
                                                                 int(sys.argv[4]), sys.argv[5])
subject = topic + "-value"


def out(obj):
    print(json.dumps(obj, default=str), flush=True)


def raw_bytes(data, compression):
    return zstandard.ZstdDecompressor().decompress(data) if compression == "ZSTD" else data


def physical(frame):
    q = frame["quantisation"]
    values = []
    for raw in raw_bytes(frame["pixels"], frame["pixelCompression"]):  # UINT8 only in this test
        if q["nodata"] is not None and raw == q["nodata"]:
            values.append(None)
        elif q["undetect"] is not None and raw == q["undetect"]:
            values.append(q["undetectValue"])
        else:
            values.append(q["offset"] + q["gain"] * raw)
    return values


def forecast_leads(forecast):
    leads = []
    for data in forecast["frames"]:  # FLOAT32 without codes in this test
        raw = raw_bytes(data, forecast["frameCompression"])
        leads.append([None if v != v else v for v in struct.unpack("<%df" % (len(raw) // 4), raw)])
    return leads


def frame(source_id, **extra):
    f = {
        "sourceId": source_id,
        "observationTime": datetime.datetime(2024, 6, 1, 14, 0, tzinfo=datetime.timezone.utc),
        "product": "python", "quantity": "REFLECTIVITY", "unit": "dBZ",
        "grid": {"rows": 2, "cols": 2, "channels": 1},
        "quantisation": {"rawType": "UINT8", "gain": 0.5, "offset": -32.0, "nodata": 255.0, "undetect": 0.0,
                         "undetectValue": -32.0},
        "pixels": bytes([0, 64, 255, 155]), "cadenceMillis": 300000, "geo": None, "sourcePath": None,
        "attributes": {"writer": "python"}, "pixelCompression": "NONE",
    }
    f.update(extra)
    return f


registry = CachedSchemaRegistryClient({"url": registry_url})
serializer = MessageSerializer(registry)

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "interop-python-%d" % time.time(),
                     "auto.offset.reset": "earliest", "enable.auto.commit": False})
consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
seen = 0
deadline = time.time() + 60
while seen < java_records and time.time() < deadline:
    msg = consumer.poll(0.5)
    if msg is None:
        continue
    if msg.error():
        out({"event": "kafka-error", "message": str(msg.error())})
        continue
    value = serializer.decode_message(msg.value())
    ts = value["observationTime"]
    out({"event": "read", "key": msg.key().decode(), "partition": msg.partition(), "offset": msg.offset(),
         "schemaId": int.from_bytes(msg.value()[1:5], "big"), "sourceId": value["sourceId"],
         "product": value["product"],
         "observationTime": int(ts.timestamp() * 1000) if isinstance(ts, datetime.datetime) else ts,
         "compression": value["pixelCompression"], "wireBytes": len(value["pixels"]), "values": physical(value)})
    seen += 1
consumer.close()
if seen < java_records:
    out({"event": "error", "message": "read only %d of %d records" % (seen, java_records)})
    sys.exit(1)

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "interop-python-f-%d" % time.time(),
                     "auto.offset.reset": "earliest", "enable.auto.commit": False})
consumer.assign([TopicPartition(forecast_topic, 0, OFFSET_BEGINNING)])
deadline = time.time() + 60
forecast = None
while forecast is None and time.time() < deadline:
    msg = consumer.poll(0.5)
    if msg is not None and not msg.error():
        forecast = serializer.decode_message(msg.value())
consumer.close()
if forecast is None:
    out({"event": "error", "message": "read no forecast"})
    sys.exit(1)
out({"event": "forecast", "sourceId": forecast["sourceId"], "compression": forecast["frameCompression"],
     "leads": forecast_leads(forecast)})

schema_id, v1, version = registry.get_latest_schema(subject)
v1_json = v1.to_json()
v2_json = json.loads(json.dumps(v1_json))
v2_json["fields"].append({"name": "pythonNote", "type": "string", "default": "", "doc": "added by python"})
v2 = avro.schema.parse(json.dumps(v2_json))

producer = Producer({"bootstrap.servers": bootstrap})
producer.produce(topic, key=b"python-1", value=serializer.encode_record_with_schema(topic, v1, frame("python-1")))
producer.produce(topic, key=b"python-2",
                 value=serializer.encode_record_with_schema(topic, v2, frame(
                     "python-2", pythonNote="v2", pixelCompression="ZSTD",
                     pixels=zstandard.ZstdCompressor().compress(bytes([0, 64, 255, 155])))))
producer.flush(30)
out({"event": "wrote", "ids": [schema_id, registry.register(subject, v2)]})

v3_json = json.loads(json.dumps(v1_json))
v3_json["fields"].append({"name": "mandatory", "type": "int"})
try:
    registry.register(subject, avro.schema.parse(json.dumps(v3_json)))
    out({"event": "incompatible", "accepted": True})
except ClientError as e:
    # The legacy client puts the HTTP status into the message only ("Incompatible Avro schema:409 ...").
    match = re.search(r"schema:(\d+)", e.message)
    out({"event": "incompatible", "accepted": False,
         "status": e.http_code or (int(match.group(1)) if match else None), "message": e.message})
