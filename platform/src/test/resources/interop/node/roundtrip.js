// Independent client for KafkajsInteropIT: reads the frames Java wrote, writes frames of its own
// (with the registered schema, then with a compatible v2), and tries an incompatible v3.
// Pixels travel compressed when the record says so (pixelCompression / frameCompression = ZSTD: one
// Zstandard frame, decompressed with the pure-JavaScript fzstd).
// Usage: node roundtrip.js <bootstrap> <registryUrl> <topic> <javaRecords> <forecastTopic>
// Prints one JSON object per line.
'use strict';
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const fzstd = require('fzstd');

const [bootstrap, registryUrl, topic, javaRecords, forecastTopic] = process.argv.slice(2);
const subject = `${topic}-value`;
const out = (o) => console.log(JSON.stringify(o));

function rawBytes(data, compression) {
  return compression === 'ZSTD' ? Buffer.from(fzstd.decompress(data)) : data;
}

function physical(frame) {
  const q = frame.quantisation;
  const values = [];
  for (const raw of rawBytes(frame.pixels, frame.pixelCompression)) {   // UINT8 only in this test
    if (q.nodata !== null && raw === q.nodata) values.push(null);
    else if (q.undetect !== null && raw === q.undetect) values.push(q.undetectValue);
    else values.push(q.offset + q.gain * raw);
  }
  return values;
}

function forecastLeads(forecast) {
  return forecast.frames.map((data) => {   // FLOAT32 without codes in this test
    const raw = rawBytes(data, forecast.frameCompression);
    const values = [];
    for (let i = 0; i + 4 <= raw.length; i += 4) {
      const v = raw.readFloatLE(i);
      values.push(Number.isNaN(v) ? null : v);
    }
    return values;
  });
}

async function readOne(kafka, registry, fromTopic) {
  const consumer = kafka.consumer({ groupId: `interop-node-f-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: fromTopic, fromBeginning: true });
  const value = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read nothing from ${fromTopic}`)), 60000);
    consumer.run({
      eachMessage: async ({ message }) => { clearTimeout(timer); resolve(await registry.decode(message.value)); },
    }).catch(reject);
  });
  await consumer.disconnect();
  return value;
}

function frame(sourceId, extra) {
  return Object.assign({
    sourceId, observationTime: Date.parse('2024-06-01T13:00:00Z'), product: 'kafkajs', quantity: 'REFLECTIVITY',
    unit: 'dBZ', grid: { rows: 2, cols: 2, channels: 1 },
    quantisation: { rawType: 'UINT8', gain: 0.5, offset: -32.0, nodata: 255, undetect: 0, undetectValue: -32.0 },
    pixels: Buffer.from([0, 64, 255, 155]), cadenceMillis: 300000, geo: null, sourcePath: null,
    attributes: { writer: 'kafkajs' }, pixelCompression: 'NONE',
  }, extra || {});
}

async function main() {
  const kafka = new Kafka({ clientId: 'nowcast-interop-node', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const registry = new SchemaRegistry({ host: registryUrl });

  const consumer = kafka.consumer({ groupId: `interop-node-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read only ${seen} of ${javaRecords} records`)), 60000);
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = await registry.decode(message.value);
        out({ event: 'read', key: message.key.toString(), partition, offset: message.offset,
          schemaId: message.value.readInt32BE(1), sourceId: value.sourceId, product: value.product,
          observationTime: value.observationTime, compression: value.pixelCompression,
          wireBytes: value.pixels.length, values: physical(value) });
        if (++seen >= Number(javaRecords)) { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();

  const forecast = await readOne(kafka, registry, forecastTopic);
  out({ event: 'forecast', sourceId: forecast.sourceId, compression: forecast.frameCompression,
    leads: forecastLeads(forecast) });

  const latest = await (await fetch(`${registryUrl}/subjects/${subject}/versions/latest`)).json();
  const v1 = JSON.parse(latest.schema);
  const { id: id1 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject });

  const v2 = JSON.parse(latest.schema);
  v2.fields.push({ name: 'nodeNote', type: 'string', default: '', doc: 'added by the kafkajs client' });
  const { id: id2 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v2) }, { subject });

  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [
    { key: 'kafkajs-1', value: await registry.encode(id1, frame('kafkajs-1')) },
    { key: 'kafkajs-2', value: await registry.encode(id2, frame('kafkajs-2', { nodeNote: 'v2' })) },
  ] });
  await producer.disconnect();
  out({ event: 'wrote', ids: [id1, id2] });

  const v3 = JSON.parse(latest.schema);
  v3.fields.push({ name: 'mandatory', type: 'int' });
  try {
    await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v3) }, { subject });
    out({ event: 'incompatible', accepted: true });
  } catch (e) {
    out({ event: 'incompatible', accepted: false, status: e.status, message: e.message });
  }
}

main().then(() => process.exit(0)).catch((e) => { out({ event: 'error', message: String(e && e.stack || e) }); process.exit(1); });
