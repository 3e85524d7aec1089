// Reads a topic from the beginning in a consumer group with kafkajs, an independent Kafka client, and prints one
// JSON line per message: {partition, offset, key, headers, value}. Stops once it has read up to the high
// watermarks the topic had when it started, or fails after --timeout-ms.
// Usage: node consume-aggregates.mjs --brokers 127.0.0.1:PORT --group GROUP [--topic streaming.aggregates.v1] [--timeout-ms 30000]
import { Kafka, logLevel } from 'kafkajs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const brokers = (args.brokers ?? '').split(',').filter(Boolean);
const topic = args.topic ?? 'streaming.aggregates.v1';
const group = args.group;
const timeoutMs = Number(args['timeout-ms'] ?? 30000);
if (brokers.length === 0 || !group) {
  console.error('usage: consume-aggregates.mjs --brokers HOST:PORT --group GROUP [--topic T] [--timeout-ms N]');
  process.exit(2);
}

const kafka = new Kafka({ clientId: 'streaming-e2e-kafkajs', brokers, logLevel: logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();
const ends = await admin.fetchTopicOffsets(topic);
await admin.disconnect();
// Next offset still to read, per partition, until it reaches the high watermark.
const remaining = new Map(ends.filter(p => Number(p.high) > Number(p.low)).map(p => [p.partition, Number(p.high)]));

const consumer = kafka.consumer({ groupId: group });
let finished;
const done = new Promise(resolve => { finished = resolve; });
const timer = setTimeout(() => {
  console.error(`timed out after ${timeoutMs} ms; partitions not read to the end: ${JSON.stringify([...remaining])}`);
  finished(1);
}, timeoutMs);
if (remaining.size === 0) finished(0);

await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]));
    process.stdout.write(JSON.stringify({
      partition,
      offset: Number(message.offset),
      key: message.key?.toString() ?? null,
      headers,
      value: JSON.parse(message.value.toString()),
    }) + '\n');
    if (remaining.has(partition) && Number(message.offset) + 1 >= remaining.get(partition)) {
      remaining.delete(partition);
      if (remaining.size === 0) finished(0);
    }
  },
});

const code = await done;
clearTimeout(timer);
await consumer.disconnect();
process.exit(code);
