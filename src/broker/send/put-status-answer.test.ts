import { describe, expect, it } from 'vitest';
import { ResponseCode } from '../../protocol/response-code.js';
import type { PutMessageStatus } from '../../store/message-store.js';
import { putStatusAnswer } from './put-status-answer.js';

describe('PutMessageStatus → send answer', () => {
  it('maps every status to RocketMQ\'s code, stored or not', () => {
    const table: [PutMessageStatus, number, boolean][] = [
      ['PUT_OK', ResponseCode.SUCCESS, true],
      ['FLUSH_DISK_TIMEOUT', ResponseCode.FLUSH_DISK_TIMEOUT, true],
      ['FLUSH_SLAVE_TIMEOUT', ResponseCode.FLUSH_SLAVE_TIMEOUT, true],
      ['SLAVE_NOT_AVAILABLE', ResponseCode.SLAVE_NOT_AVAILABLE, true],
      ['CREATE_MAPEDFILE_FAILED', ResponseCode.SYSTEM_ERROR, false],
      ['MESSAGE_ILLEGAL', ResponseCode.MESSAGE_ILLEGAL, false],
      ['PROPERTIES_SIZE_EXCEEDED', ResponseCode.MESSAGE_ILLEGAL, false],
      ['SERVICE_NOT_AVAILABLE', ResponseCode.SERVICE_NOT_AVAILABLE, false],
      ['OS_PAGECACHE_BUSY', ResponseCode.SYSTEM_ERROR, false],
      ['UNKNOWN_ERROR', ResponseCode.SYSTEM_ERROR, false],
    ];
    for (const [status, code, stored] of table) {
      const answer = putStatusAnswer(status, undefined, 4096);
      expect({ status, code: answer.code, stored: answer.stored }).toEqual({ status, code, stored });
      expect(answer.remark === null).toBe(stored);
    }
  });

  it('uses RocketMQ\'s remarks and adds the store\'s reason', () => {
    expect(putStatusAnswer('MESSAGE_ILLEGAL', 'message of 5000 bytes exceeds maxMessageSize 4096', 4096).remark).toBe(
      'the message is illegal, maybe msg body or properties length not matched. msg body length limit 4096B, msg properties length limit 32KB. ' +
        '(message of 5000 bytes exceeds maxMessageSize 4096)',
    );
    expect(putStatusAnswer('SERVICE_NOT_AVAILABLE', 'disk of the commit log is 95% full', 4096).remark).toBe('service not available now: disk of the commit log is 95% full');
    expect(putStatusAnswer('SERVICE_NOT_AVAILABLE', undefined, 4096).remark).toMatch(/^service not available now\. It may be caused by/);
    expect(putStatusAnswer('OS_PAGECACHE_BUSY', undefined, 1).remark).toBe('[PC_SYNCHRONIZED]broker busy, start flow control for a while');
  });
});
