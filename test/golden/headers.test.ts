/**
 * Golden tests of the custom-header codecs against every captured frame: the codec the
 * code tables name for a frame decodes its ext fields, and encoding the decoded header
 * gives back the same key/value pairs for every key the header knows. Extra ext keys
 * (AccessKey, Signature, ReqT) are not part of any header and are ignored.
 */
import { describe, expect, it } from 'vitest';
import {
  PullMessageRequestHeader,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  requestHeaderCodecs,
  responseHeaderCodecs,
  sendMessageHeaderV1FromV2,
  sendMessageHeaderV2FromV1,
} from '../../src/protocol/headers/index.js';
import type { HeaderCodec } from '../../src/protocol/headers/header-codec.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { FrameDecoder } from '../../src/remoting/frame-decoder.js';
import { decodeCommand, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { allFrames, loadFrame, type ManifestFrame } from '../support/fixtures.js';

const frames = allFrames();

/** Request codes seen in the fixtures whose requests carry no custom header. */
const headerlessRequestCodes = new Set<number>([
  RequestCode.HEART_BEAT,
  RequestCode.LOCK_BATCH_MQ,
  RequestCode.UNLOCK_BATCH_MQ,
  RequestCode.GET_BROKER_CLUSTER_INFO,
  RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
  RequestCode.GET_BROKER_RUNTIME_INFO,
]);

/** Ext keys that clients add outside of any header class. */
const foreignKeys = new Set(['AccessKey', 'Signature', 'SecurityToken', 'ReqT', 'OnsChannel']);

const pullCodes = new Set<number>([RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE]);
const pullAnswerCodes = new Set<number>([
  ResponseCode.SUCCESS,
  ResponseCode.PULL_NOT_FOUND,
  ResponseCode.PULL_RETRY_IMMEDIATELY,
  ResponseCode.PULL_OFFSET_MOVED,
]);

function decodeCaptured(scenario: string, frame: ManifestFrame): RemotingCommand {
  const decoded = new FrameDecoder().push(loadFrame(scenario, frame.file));
  expect(decoded).toHaveLength(1);
  return decodeCommand(decoded[0] as Buffer);
}

/** The codec that applies to a captured frame, or null when none does. */
function codecFor(frame: ManifestFrame): HeaderCodec | null {
  if (frame.rpcType === 'request') return requestHeaderCodecs.get(frame.code) ?? null;
  if (frame.requestCode === null) return null;
  // Error answers carry no header; the Java client decodes the header only on success.
  const carriesHeader = pullCodes.has(frame.requestCode) ? pullAnswerCodes.has(frame.code) : frame.code === ResponseCode.SUCCESS;
  return carriesHeader ? (responseHeaderCodecs.get(frame.requestCode) ?? null) : null;
}

function known(ext: Record<string, string> | null, codec: HeaderCodec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of codec.keys) {
    const value = ext?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function frameFromJsonHeader(header: unknown): Buffer {
  const text = Buffer.from(JSON.stringify(header), 'utf8');
  const frame = Buffer.alloc(4 + text.length);
  frame.writeUInt32BE(text.length, 0);
  text.copy(frame, 4);
  return frame;
}

describe('custom headers of the captured frames', () => {
  const cases = frames
    .map(({ scenario, frame }) => ({ scenario, frame, codec: codecFor(frame) }))
    .filter((entry): entry is { scenario: string; frame: ManifestFrame; codec: HeaderCodec } => entry.codec !== null);

  it('cover most frames, and every request code that carries ext fields has a codec', () => {
    expect(cases.length).toBeGreaterThan(700);
    const uncovered = new Set<number>();
    for (const { frame } of frames) {
      if (frame.rpcType !== 'request' || requestHeaderCodecs.has(frame.code)) continue;
      const keys = Object.keys(frame.header.extFields ?? {}).filter((key) => !foreignKeys.has(key));
      if (keys.length > 0 || !headerlessRequestCodes.has(frame.code)) uncovered.add(frame.code);
    }
    expect([...uncovered]).toEqual([]);
  });

  it.each(cases.map(({ scenario, frame, codec }) => [`${scenario}/${frame.file} (${codec.name})`, scenario, frame, codec] as const))(
    '%s decodes and re-encodes to the same known keys',
    (_name, scenario, frame, codec) => {
      const command = decodeCaptured(scenario, frame);
      const header = codec.decode(command.extFields);
      expect(codec.encode(header)).toEqual(known(command.extFields, codec));
      const unknown = Object.keys(command.extFields ?? {}).filter((key) => !codec.keys.includes(key) && !foreignKeys.has(key));
      expect(unknown).toEqual([]);
    },
  );
});

describe('ali-ons style ext fields (raw JSON numbers and booleans)', () => {
  it('SEND_MESSAGE_V2 from ali-ons 3.12.0 decodes after the remoting layer coerces its values', () => {
    const command = decodeCommand(
      frameFromJsonHeader({
        code: 310,
        language: 'JAVA',
        opaque: 7,
        flag: 0,
        version: 121,
        extFields: {
          a: 'ALI_PG',
          b: 'TopicTest',
          c: 'TBW102',
          d: 4,
          e: 0,
          f: 0,
          g: 1795537748300,
          h: 0,
          i: 'TAGS\u0001TagA\u0002',
          j: 0,
          k: false,
        },
      }),
    );
    const header = SendMessageRequestHeaderV2.decode(command.extFields);
    expect(header).toEqual({
      producerGroup: 'ALI_PG',
      topic: 'TopicTest',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1795537748300,
      flag: 0,
      properties: 'TAGS\u0001TagA\u0002',
      reconsumeTimes: 0,
      unitMode: false,
    });
    expect(SendMessageRequestHeaderV2.encode(header)).toEqual(command.extFields);
  });

  it('PULL_MESSAGE from ali-ons 3.12.0 decodes (no expressionType, no bname)', () => {
    const command = decodeCommand(
      frameFromJsonHeader({
        code: 11,
        language: 'JAVA',
        opaque: 8,
        flag: 0,
        version: 121,
        extFields: {
          consumerGroup: 'ALI_CG',
          topic: 'TopicTest',
          queueId: 0,
          queueOffset: 0,
          maxMsgNums: 32,
          sysFlag: 6,
          commitOffset: 0,
          suspendTimeoutMillis: 15000,
          subscription: 'TagA',
          subVersion: 1795537748311,
        },
      }),
    );
    expect(PullMessageRequestHeader.decode(command.extFields)).toEqual({
      consumerGroup: 'ALI_CG',
      topic: 'TopicTest',
      queueId: 0,
      queueOffset: 0,
      maxMsgNums: 32,
      sysFlag: 6,
      commitOffset: 0,
      suspendTimeoutMillis: 15000,
      subscription: 'TagA',
      subVersion: 1795537748311,
    });
  });

  it('the captured Java SEND_MESSAGE_V2 converts to the V1 keys and back', () => {
    const v2 = SendMessageRequestHeaderV2.decode({
      a: 'PG1', b: 'TopicTest', c: 'TBW102', d: '4', e: '1', f: '0', g: '1795537699662', h: '0',
      i: 'WAIT\u0001true\u0002TAGS\u0001TagA', j: '0', k: 'false', m: 'false', n: 'broker-a',
    });
    const v1 = sendMessageHeaderV1FromV2(v2);
    expect(SendMessageRequestHeader.encode(v1)).toEqual({
      producerGroup: 'PG1', topic: 'TopicTest', defaultTopic: 'TBW102', defaultTopicQueueNums: '4', queueId: '1',
      sysFlag: '0', bornTimestamp: '1795537699662', flag: '0', properties: 'WAIT\u0001true\u0002TAGS\u0001TagA',
      reconsumeTimes: '0', unitMode: 'false', batch: 'false', bname: 'broker-a',
    });
    expect(sendMessageHeaderV2FromV1(v1)).toEqual(v2);
  });
});
