/**
 * Golden tests of the JSON body codecs against every captured frame: the lenient parser
 * reads each JSON body (standard or fastjson's non-standard keys) to the manifest's
 * `bodyJson`; each body whose code has a typed codec decodes, re-encodes as standard JSON
 * carrying the same data, and decodes again to an equal typed value.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeRegisterBrokerBody,
  decodeTopicRouteData,
  encodeRegisterBrokerBody,
  encodeTopicRouteData,
  parseLenientJson,
  requestBodyCodecs,
  responseBodyCodecs,
  type BodyCodec,
} from '../../src/protocol/bodies/index.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { FrameDecoder } from '../../src/remoting/frame-decoder.js';
import { decodeCommand, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { allFrames, loadFrame, type ManifestFrame } from '../support/fixtures.js';

const frames = allFrames();
const jsonFrames = frames.filter(({ frame }) => frame.bodyFormat === 'json' || frame.bodyFormat === 'json-fastjson-nonstandard');

function decodeCaptured(scenario: string, frame: ManifestFrame): RemotingCommand {
  const decoded = new FrameDecoder().push(loadFrame(scenario, frame.file));
  expect(decoded).toHaveLength(1);
  return decodeCommand(decoded[0] as Buffer);
}

function bodyOf(scenario: string, frame: ManifestFrame): Buffer {
  const body = decodeCaptured(scenario, frame).body;
  expect(body).not.toBeNull();
  return body as Buffer;
}

/** The typed codec for a captured frame's body, or null. */
function codecFor(frame: ManifestFrame): BodyCodec | null {
  if (frame.bodyLength === 0) return null;
  if (frame.rpcType === 'request') return requestBodyCodecs.get(frame.code) ?? null;
  if (frame.requestCode === null || frame.code !== ResponseCode.SUCCESS) return null;
  return responseBodyCodecs.get(frame.requestCode) ?? null;
}

/** What our standard encoding of a captured body holds, as parsed JSON: the same data, plus topicSynFlag in routes. */
function expectedEncodedJson(frame: ManifestFrame): unknown {
  const captured = structuredClone(frame.bodyJson) as Record<string, unknown>;
  if (frame.requestCode === RequestCode.GET_ROUTEINFO_BY_TOPIC) {
    for (const queue of captured['queueDatas'] as Record<string, unknown>[]) queue['topicSynFlag'] = queue['topicSysFlag'];
  }
  return captured;
}

describe('JSON bodies of the captured frames', () => {
  it('include both standard and fastjson non-standard bodies', () => {
    expect(jsonFrames.length).toBeGreaterThan(100);
    expect(jsonFrames.some(({ frame }) => frame.bodyFormat === 'json-fastjson-nonstandard')).toBe(true);
  });

  it.each(jsonFrames.map(({ scenario, frame }) => [`${scenario}/${frame.file} (${frame.bodyFormat})`, scenario, frame] as const))(
    '%s parses leniently to the manifest bodyJson',
    (_name, scenario, frame) => {
      const body = bodyOf(scenario, frame);
      expect(body.toString('utf8')).toBe(frame.bodyText);
      expect(parseLenientJson(body)).toEqual(frame.bodyJson);
    },
  );

  it('every JSON body has a typed codec', () => {
    const untyped = jsonFrames.filter(({ frame }) => codecFor(frame) === null).map(({ scenario, frame }) => `${scenario}/${frame.file}`);
    expect(untyped).toEqual([]);
  });

  const typed = frames
    .map(({ scenario, frame }) => ({ scenario, frame, codec: codecFor(frame) }))
    .filter((entry): entry is { scenario: string; frame: ManifestFrame; codec: BodyCodec } => entry.codec !== null);

  it.each(typed.map(({ scenario, frame, codec }) => [`${scenario}/${frame.file} (${codec.name})`, scenario, frame, codec] as const))(
    '%s decodes, re-encodes the same data as standard JSON, and decodes again to an equal value',
    (_name, scenario, frame, codec) => {
      const command = decodeCaptured(scenario, frame);
      const body = command.body as Buffer;
      const compressed = frame.code === RequestCode.REGISTER_BROKER && command.extFields?.['compressed'] === 'true';
      const value = compressed ? decodeRegisterBrokerBody(body, true) : codec.decode(body);
      const encoded = codec.encode(value);
      const text = encoded.toString('utf8');
      expect(JSON.parse(text)).toEqual(expectedEncodedJson(frame));
      expect(codec.decode(encoded)).toEqual(value);
    },
  );
});

describe('route data as the TS name server writes it', () => {
  const routeFrame = jsonFrames.find(({ frame }) => frame.requestCode === RequestCode.GET_ROUTEINFO_BY_TOPIC && frame.rpcType === 'response');

  it('is standard JSON with quoted broker ids and both sysFlag spellings', () => {
    expect(routeFrame).toBeDefined();
    const { scenario, frame } = routeFrame as { scenario: string; frame: ManifestFrame };
    const text = encodeTopicRouteData(decodeTopicRouteData(bodyOf(scenario, frame))).toString('utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(text).toContain('"brokerAddrs":{"0":"127.0.0.1:20911"}');
    expect(text).toMatch(/"topicSynFlag":0,"topicSysFlag":0/);
    expect(text.startsWith('{"brokerDatas":[{"brokerAddrs":')).toBe(true);
  });

  it('reads the fastjson form of cluster info brokerAddrs and writes it quoted', () => {
    const cluster = jsonFrames.find(({ frame }) => frame.requestCode === RequestCode.GET_BROKER_CLUSTER_INFO && frame.rpcType === 'response');
    expect(cluster).toBeDefined();
    const { scenario, frame } = cluster as { scenario: string; frame: ManifestFrame };
    expect(frame.bodyText).toContain('{0:"127.0.0.1:20911"}');
    const codec = responseBodyCodecs.get(RequestCode.GET_BROKER_CLUSTER_INFO) as BodyCodec;
    expect(codec.encode(codec.decode(bodyOf(scenario, frame))).toString('utf8')).toContain('{"0":"127.0.0.1:20911"}');
  });

  it('REGISTER_BROKER bodies survive the compressed form too (topicSysFlag and order aside)', () => {
    const register = typedRegisterFrames();
    expect(register.length).toBeGreaterThan(0);
    for (const { scenario, frame } of register) {
      const body = decodeRegisterBrokerBody(bodyOf(scenario, frame));
      const again = decodeRegisterBrokerBody(encodeRegisterBrokerBody(body, true), true);
      expect(again.filterServerList).toEqual(body.filterServerList);
      expect(again.topicConfigSerializeWrapper.dataVersion).toEqual(body.topicConfigSerializeWrapper.dataVersion);
      expect([...again.topicConfigSerializeWrapper.topicConfigTable.keys()].sort()).toEqual(
        [...body.topicConfigSerializeWrapper.topicConfigTable.keys()].sort(),
      );
    }
  });
});

function typedRegisterFrames(): { scenario: string; frame: ManifestFrame }[] {
  return jsonFrames.filter(({ frame }) => frame.rpcType === 'request' && frame.code === RequestCode.REGISTER_BROKER);
}
