import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../common/errors.js';
import { LanguageCode, type LanguageName } from '../protocol/language-code.js';
import { SerializeType } from '../protocol/serialize-type.js';
import { FrameDecoder } from './frame-decoder.js';
import { createRequest, createResponse, decodeCommand, encodeCommand, type RemotingCommand } from './remoting-command.js';

function roundTrip(command: RemotingCommand): RemotingCommand {
  const frames = new FrameDecoder().push(encodeCommand(command));
  expect(frames).toHaveLength(1);
  return decodeCommand(frames[0] as Buffer);
}

function jsonFrame(headerText: string, body = Buffer.alloc(0)): Buffer {
  const header = Buffer.from(headerText, 'utf8');
  const frame = Buffer.alloc(4 + header.length + body.length);
  frame.writeInt32BE(header.length, 0);
  header.copy(frame, 4);
  body.copy(frame, 4 + header.length);
  return frame;
}

const extValue = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const commandArbitrary = fc.record({
  code: fc.integer({ min: -32768, max: 32767 }),
  language: fc.constantFrom(...(Object.keys(LanguageCode) as LanguageName[])),
  version: fc.integer({ min: -32768, max: 32767 }),
  opaque: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  flag: fc.integer({ min: 0, max: 3 }),
  remark: fc.option(fc.string({ minLength: 1, unit: 'grapheme' }), { nil: null }),
  extFields: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }), extValue), { nil: null }),
  body: fc.option(fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)), { nil: null }),
  serializeType: fc.constantFrom(SerializeType.JSON, SerializeType.ROCKETMQ),
});

describe('RemotingCommand codec', () => {
  it('round-trips any command in either serialization', () => {
    fc.assert(
      fc.property(commandArbitrary, (command) => {
        const decoded = roundTrip(command);
        // The binary layout has no way to carry an empty ext map; it reads back as none.
        const expectedExt =
          command.serializeType === SerializeType.ROCKETMQ && command.extFields && Object.keys(command.extFields).length === 0
            ? null
            : command.extFields;
        expect(decoded).toEqual({ ...command, extFields: expectedExt });
      }),
    );
  });

  it('coerces the numbers and booleans ali-ons puts in extFields to strings', () => {
    const command = decodeCommand(
      jsonFrame('{"code":310,"language":"JAVA","opaque":7,"flag":0,"version":121,"extFields":{"a":"ALI_PG","d":4,"g":1795537748300,"k":false,"x":null}}'),
    );
    expect(command.extFields).toEqual({ a: 'ALI_PG', d: '4', g: '1795537748300', k: 'false' });
    expect(command.version).toBe(121);
  });

  it('keeps an ext key named __proto__ as an ordinary key in both serializations', () => {
    const json = decodeCommand(jsonFrame('{"code":1,"opaque":1,"extFields":{"__proto__":"x","a":"1"}}'));
    expect(Object.keys(json.extFields ?? {})).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(json.extFields)).toBe(Object.prototype);
    const binary = roundTrip({ ...json, serializeType: SerializeType.ROCKETMQ });
    expect(binary.extFields?.['__proto__']).toBe('x');
  });

  it('reads a numeric language code in a JSON header as its name', () => {
    expect(decodeCommand(jsonFrame('{"code":1,"language":9,"opaque":1}')).language).toBe('GO');
  });

  it('separates the body from the header', () => {
    const command = decodeCommand(jsonFrame('{"code":34,"opaque":3}', Buffer.from('{"clientID":"c"}')));
    expect(command.body?.toString()).toBe('{"clientID":"c"}');
    expect(command.flag).toBe(0);
    expect(command.remark).toBeNull();
  });

  it('answers in the serialization of the request, with the request opaque and the response flag', () => {
    const request = { ...createRequest(105, { serializeType: SerializeType.ROCKETMQ }), opaque: 42 };
    const response = createResponse(request, 17, { remark: 'no route' });
    expect(response).toMatchObject({ opaque: 42, flag: 1, serializeType: SerializeType.ROCKETMQ, code: 17 });
  });

  it.each([
    ['garbage JSON', jsonFrame('{"code":'), 'HEADER_MALFORMED'],
    ['a JSON array header', jsonFrame('[1,2]'), 'HEADER_MALFORMED'],
    ['a header without code', jsonFrame('{"opaque":1}'), 'HEADER_MALFORMED'],
    ['a non-integer code', jsonFrame('{"code":"abc","opaque":1}'), 'HEADER_MALFORMED'],
    ['an unknown serialize type', Buffer.from([0x02, 0, 0, 0]), 'SERIALIZE_TYPE_UNKNOWN'],
    ['a header longer than the frame', Buffer.from([0, 0, 0, 9, 1, 2]), 'FRAME_MALFORMED'],
    ['a truncated binary header', Buffer.from([0x01, 0, 0, 3, 0, 105, 0]), 'HEADER_MALFORMED'],
  ])('refuses %s with a protocol error', (_name, frame, code) => {
    expect(() => decodeCommand(frame)).toThrow(expect.objectContaining({ code }));
  });

  it('on random frames throws nothing but a protocol error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, binary) => {
        const frame = Buffer.from(bytes);
        if (frame.length >= 4) frame.writeUInt8(binary ? 1 : 0, 0);
        try {
          decodeCommand(frame);
        } catch (error) {
          expect(isRocketMQError(error) && error.closesConnection).toBe(true);
        }
      }),
    );
  });

  it('refuses to encode a frame over the limit', () => {
    const command = createRequest(310, { body: Buffer.alloc(2000) });
    expect(() => encodeCommand(command, 1024)).toThrow(expect.objectContaining({ code: 'FRAME_TOO_LARGE' }));
  });
});
