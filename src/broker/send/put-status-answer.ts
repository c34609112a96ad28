/**
 * The answer to a send from the store's PutMessageStatus (RocketMQ
 * SendMessageProcessor.handlePutMessageResult):
 *
 * | status | code | stored |
 * | --- | --- | --- |
 * | PUT_OK | 0 SUCCESS | yes |
 * | FLUSH_DISK_TIMEOUT | 10 | yes |
 * | FLUSH_SLAVE_TIMEOUT | 12 | yes |
 * | SLAVE_NOT_AVAILABLE | 11 | yes |
 * | CREATE_MAPEDFILE_FAILED | 1 `create mapped file failed, server is busy or broken.` | no |
 * | MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED | 13 `the message is illegal, maybe msg body or properties length not matched. …` | no |
 * | SERVICE_NOT_AVAILABLE | 14 `service not available now…` | no |
 * | OS_PAGECACHE_BUSY | 1 `[PC_SYNCHRONIZED]broker busy, start flow control for a while` | no |
 * | UNKNOWN_ERROR | 1 `UNKNOWN_ERROR` | no |
 *
 * Refusal remarks end with the store's own reason when it gave one.
 */
import { ResponseCode } from '../../protocol/response-code.js';
import type { PutMessageStatus } from '../../store/message-store.js';

export interface PutAnswer {
  code: number;
  remark: string | null;
  /** Whether the message is stored (the answer then carries msgId, queueId and queueOffset). */
  stored: boolean;
}

export function illegalMessageRemark(maxMessageSize: number, reason?: string): string {
  const text =
    `the message is illegal, maybe msg body or properties length not matched. ` +
    `msg body length limit ${maxMessageSize}B, msg properties length limit 32KB.`;
  return reason ? `${text} (${reason})` : text;
}

export function putStatusAnswer(status: PutMessageStatus, storeRemark: string | undefined, maxMessageSize: number): PutAnswer {
  const refused = (code: number, remark: string): PutAnswer => ({ code, remark, stored: false });
  switch (status) {
    case 'PUT_OK':
      return { code: ResponseCode.SUCCESS, remark: null, stored: true };
    case 'FLUSH_DISK_TIMEOUT':
      return { code: ResponseCode.FLUSH_DISK_TIMEOUT, remark: null, stored: true };
    case 'FLUSH_SLAVE_TIMEOUT':
      return { code: ResponseCode.FLUSH_SLAVE_TIMEOUT, remark: null, stored: true };
    case 'SLAVE_NOT_AVAILABLE':
      return { code: ResponseCode.SLAVE_NOT_AVAILABLE, remark: null, stored: true };
    case 'CREATE_MAPEDFILE_FAILED':
      return refused(ResponseCode.SYSTEM_ERROR, 'create mapped file failed, server is busy or broken.');
    case 'MESSAGE_ILLEGAL':
    case 'PROPERTIES_SIZE_EXCEEDED':
      return refused(ResponseCode.MESSAGE_ILLEGAL, illegalMessageRemark(maxMessageSize, storeRemark));
    case 'SERVICE_NOT_AVAILABLE':
      return refused(ResponseCode.SERVICE_NOT_AVAILABLE, serviceNotAvailableRemark(storeRemark));
    case 'OS_PAGECACHE_BUSY':
      return refused(ResponseCode.SYSTEM_ERROR, '[PC_SYNCHRONIZED]broker busy, start flow control for a while');
    case 'UNKNOWN_ERROR':
      return refused(ResponseCode.SYSTEM_ERROR, storeRemark ? `UNKNOWN_ERROR: ${storeRemark}` : 'UNKNOWN_ERROR');
  }
}

export function serviceNotAvailableRemark(reason?: string): string {
  return reason
    ? `service not available now: ${reason}`
    : 'service not available now. It may be caused by one of the following reasons: the broker\'s disk is full, messages are put to the slave, message store has been shut down, etc.';
}
