import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldType, HeaderCodec } from './header-codec.js';
import { requestHeaderCodecs, responseHeaderCodecs } from './index.js';
import { RequestCode } from '../request-code.js';

const arbitraries: Record<FieldType, fc.Arbitrary<string | number | boolean>> = {
  string: fc.string({ unit: 'grapheme' }),
  int: fc.integer({ min: -2147483648, max: 2147483647 }),
  long: fc.maxSafeInteger().map((value) => value || 0),
  boolean: fc.boolean(),
  double: fc.double({ noNaN: true }),
};

function arbitraryHeader(codec: HeaderCodec): fc.Arbitrary<Record<string, string | number | boolean>> {
  const model: Record<string, fc.Arbitrary<string | number | boolean>> = {};
  const requiredKeys: string[] = [];
  for (const [property, spec] of Object.entries(codec.schema)) {
    model[property] = arbitraries[spec.type];
    if (spec.required) requiredKeys.push(property);
  }
  return fc.record(model, { requiredKeys });
}

const codecs = [...new Set([...requestHeaderCodecs.values(), ...responseHeaderCodecs.values()])];

describe('the header code tables', () => {
  it('name a codec for the codes the clients and servers exchange headers on', () => {
    expect(requestHeaderCodecs.get(RequestCode.SEND_MESSAGE_V2)?.name).toBe('SendMessageRequestHeaderV2');
    expect(requestHeaderCodecs.get(RequestCode.SEND_BATCH_MESSAGE)?.name).toBe('SendMessageRequestHeaderV2');
    expect(requestHeaderCodecs.get(RequestCode.LITE_PULL_MESSAGE)?.name).toBe('PullMessageRequestHeader');
    expect(responseHeaderCodecs.get(RequestCode.SEND_MESSAGE_V2)?.name).toBe('SendMessageResponseHeader');
    expect(responseHeaderCodecs.get(RequestCode.PULL_MESSAGE)?.name).toBe('PullMessageResponseHeader');
    expect(requestHeaderCodecs.has(RequestCode.HEART_BEAT)).toBe(false);
  });

  it.each(codecs.map((codec) => [codec.name, codec] as const))('%s round-trips random values of its fields', (_name, codec) => {
    fc.assert(
      fc.property(arbitraryHeader(codec), (header) => {
        expect(codec.decode(codec.encode(header))).toEqual(header);
      }),
      { numRuns: 50 },
    );
  });
});
