/**
 * ConsumeMessageDirectlyResult: a client's answer to CONSUME_MESSAGE_DIRECTLY (309), relayed
 * by the broker to the admin.
 *
 * JSON: {"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"remark":"…","spentTimeMills":3}
 * Java defaults: order false, autoCommit true, spentTimeMills 0.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export const CM_RESULTS = ['CR_SUCCESS', 'CR_LATER', 'CR_ROLLBACK', 'CR_COMMIT', 'CR_THROW_EXCEPTION', 'CR_RETURN_NULL'] as const;
export type CMResult = (typeof CM_RESULTS)[number];

export interface ConsumeMessageDirectlyResult {
  order: boolean;
  autoCommit: boolean;
  consumeResult?: CMResult;
  remark?: string;
  spentTimeMills: number;
}

export function readConsumeMessageDirectlyResult(reader: BodyReader): ConsumeMessageDirectlyResult {
  const result: ConsumeMessageDirectlyResult = {
    order: reader.field('order').boolean(false),
    autoCommit: reader.field('autoCommit').boolean(true),
    spentTimeMills: reader.field('spentTimeMills').long(),
  };
  const consumeResult = reader.field('consumeResult').optionalEnumOf(CM_RESULTS);
  if (consumeResult !== undefined) result.consumeResult = consumeResult;
  const remark = reader.field('remark').optionalString();
  if (remark !== undefined) result.remark = remark;
  return result;
}

export function decodeConsumeMessageDirectlyResult(input: Uint8Array | string): ConsumeMessageDirectlyResult {
  return readBody('ConsumeMessageDirectlyResult', input, readConsumeMessageDirectlyResult);
}

export function encodeConsumeMessageDirectlyResult(result: ConsumeMessageDirectlyResult): Buffer {
  return jsonBytes({
    autoCommit: result.autoCommit,
    consumeResult: result.consumeResult,
    order: result.order,
    remark: result.remark,
    spentTimeMills: result.spentTimeMills,
  });
}
