/**
 * Remoting benchmark.
 *   codec:    encode + decode of a SEND_MESSAGE_V2 request (1 KiB body) in JSON and
 *             ROCKETMQ headers, frames/s on one core.
 *   loopback: request/response pairs over one loopback connection to a server in a child
 *             process, with 1 and with 64 requests in flight, per serialization.
 * Options: --seconds N (per run, default 5), --only codec|loopback, --body BYTES (1024).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RequestCode } from '../src/protocol/request-code.js';
import { SerializeType } from '../src/protocol/serialize-type.js';
import { RemotingClient } from '../src/remoting/client.js';
import { FrameDecoder } from '../src/remoting/frame-decoder.js';
import { createRequest, decodeCommand, encodeCommand, type RemotingCommand } from '../src/remoting/remoting-command.js';
import { numberArg, parseArgs } from './support/args.js';
import { Meter, printSummary } from './support/report.js';

function sendRequest(serializeType: SerializeType, bodyBytes: number): RemotingCommand {
  return createRequest(RequestCode.SEND_MESSAGE_V2, {
    serializeType,
    body: Buffer.alloc(bodyBytes, 0x61),
    extFields: {
      a: 'benchmark_producer_group',
      b: 'BenchmarkTest',
      c: 'TBW102',
      d: '4',
      e: '1',
      f: '0',
      g: String(Date.now()),
      h: '0',
      i: 'KEYS\u0001key-1\u0002UNIQ_KEY\u00017F0000012F915FFD2B277A2084330000\u0002WAIT\u0001true\u0002TAGS\u0001TagA',
      j: '0',
      k: 'false',
      m: 'false',
      n: 'broker-a',
    },
  });
}

const serializeNames = { [SerializeType.JSON]: 'JSON', [SerializeType.ROCKETMQ]: 'ROCKETMQ' } as const;

function runCodec(serializeType: SerializeType, seconds: number, bodyBytes: number): void {
  const request = { ...sendRequest(serializeType, bodyBytes), opaque: 1 };
  const meter = new Meter(`codec SEND_MESSAGE_V2 ${serializeNames[serializeType]} ${bodyBytes} B body`, 'frames');
  const decoder = new FrameDecoder();
  const deadline = Date.now() + seconds * 1000;
  let lastSecond = Date.now();
  meter.startProgress();
  // The progress timer cannot fire inside a tight loop: yield once per second.
  const step = (): Promise<void> =>
    new Promise((resolve) => {
      while (Date.now() < deadline) {
        for (let i = 0; i < 1000; i++) {
          const frames = decoder.push(encodeCommand(request));
          decodeCommand(frames[0] as Buffer);
        }
        meter.add(1000);
        if (Date.now() - lastSecond >= 1000) {
          lastSecond = Date.now();
          setImmediate(() => void step().then(resolve));
          return;
        }
      }
      resolve();
    });
  return void step().then(() => printSummary(meter.stop()));
}

async function runCodecAll(seconds: number, bodyBytes: number): Promise<void> {
  for (const type of [SerializeType.JSON, SerializeType.ROCKETMQ]) {
    await new Promise<void>((resolve) => {
      runCodec(type, seconds, bodyBytes);
      setTimeout(resolve, seconds * 1000 + 200);
    });
  }
}

async function runLoopback(seconds: number, bodyBytes: number): Promise<void> {
  const child = fork(fileURLToPath(new URL('./remoting-echo-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) => child.once('message', (message) => resolve((message as { port: number }).port)));
  const address = `127.0.0.1:${port}`;
  try {
    for (const type of [SerializeType.ROCKETMQ, SerializeType.JSON]) {
      for (const inFlight of [1, 64]) {
        const client = new RemotingClient();
        const request = sendRequest(type, bodyBytes);
        await client.invoke(address, request);
        const meter = new Meter(`loopback SEND_MESSAGE_V2 ${serializeNames[type]} ${bodyBytes} B, ${inFlight} in flight`, 'req');
        meter.startProgress();
        const deadline = Date.now() + seconds * 1000;
        await Promise.all(
          Array.from({ length: inFlight }, async () => {
            while (Date.now() < deadline) {
              const started = process.hrtime.bigint();
              try {
                const response = await client.invoke(address, request);
                if (response.code === 0) meter.record(Number(process.hrtime.bigint() - started));
                else meter.fail();
              } catch {
                meter.fail();
              }
            }
          }),
        );
        printSummary(meter.stop());
        await client.shutdown();
      }
    }
  } finally {
    child.send('stop');
  }
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const seconds = numberArg(args, 'seconds', 5);
  const bodyBytes = numberArg(args, 'body', 1024);
  const only = args.get('only');
  if (only === undefined || only === 'codec') await runCodecAll(seconds, bodyBytes);
  if (only === undefined || only === 'loopback') await runLoopback(seconds, bodyBytes);
}
