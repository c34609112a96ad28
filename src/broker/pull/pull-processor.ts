/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361), processed as RocketMQ 4.9.8's
 * PullMessageProcessor does on a master:
 *
 *   checks (pull-checks.ts) → store.getMessage(topic, queue, offset, maxMsgNums, filter)
 *   → code and header (pull-answer.ts), body = the records as stored (never re-encoded)
 *   → on the first processing: the piggy-backed commit offset is stored (PullSysFlag
 *     COMMIT_OFFSET), and a 19 with SUSPEND is parked in the hold service until a message
 *     arrives or its suspendTimeoutMillis (longPollingEnable) / shortPollingTimeMills passes.
 *
 * A parked pull is answered by `rerunParkedPull`: the same processing again, never parked
 * and never committing, answered with the original opaque. Parking never blocks the
 * connection: the handler's promise is simply pending. When the queue already holds a new
 * message at park time the pull is re-run at once; when the hold service is full the pull
 * is answered 2 SYSTEM_BUSY (clients retry after 3 s); while the broker stops nothing is
 * parked (19 at once).
 */
import { PullMessageRequestHeader } from '../../protocol/headers/pull-message-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { MessageFilter } from '../../store/message-store.js';
import type { ParkedPull } from '../long-polling/pull-request-hold-service.js';
import type { BrokerContext } from '../broker-context.js';
import type { ParkedRequest } from './parked-request.js';
import { pullBody, pullRemark, pullResponseCode, pullResponseHeader } from './pull-answer.js';
import { planPull } from './pull-checks.js';
import { hasCommitOffsetFlag, hasSuspendFlag } from '../../protocol/pull-sys-flag.js';

export async function processPull(
  context: BrokerContext,
  command: RemotingCommand,
  connection: RemotingConnection,
  firstProcessing: boolean,
): Promise<RemotingCommand | null> {
  const header = PullMessageRequestHeader.decode(command.extFields);
  const plan = planPull(context, header, connection.remoteAddress);
  if (!plan.ok) return createResponse(command, plan.code, { remark: plan.remark, extFields: {} });
  const result = await context.store.getMessage(header.topic, header.queueId, header.queueOffset, header.maxMsgNums, plan.filter);
  const code = pullResponseCode(result.status, header.queueOffset);
  if (firstProcessing) commitPiggyBackedOffset(context, header);
  if (code === ResponseCode.SUCCESS) {
    context.stats.recordGet(result.records.length);
    context.stats.groupGets.record(header.consumerGroup, header.topic, result.records.length);
    const bytes = result.records.reduce((sum, record) => sum + record.length, 0);
    context.stats.items.recordGet(header.consumerGroup, header.topic, result.records.length, bytes);
  }
  const response = createResponse(command, code, {
    remark: pullRemark(result.status),
    extFields: pullResponseHeader(result),
    body: code === ResponseCode.SUCCESS ? pullBody(result.records) : null,
  });
  if (code !== ResponseCode.PULL_NOT_FOUND || !firstProcessing || !hasSuspendFlag(header.sysFlag) || context.pulls.stopping) return response;
  return park(context, { command, connection, header, filter: plan.filter });
}

function commitPiggyBackedOffset(context: BrokerContext, header: PullMessageRequestHeader): void {
  if (!hasCommitOffsetFlag(header.sysFlag) || context.config.brokerRole === 'SLAVE') return;
  context.consumerOffsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
}

interface ToPark {
  command: RemotingCommand;
  connection: RemotingConnection;
  header: PullMessageRequestHeader;
  filter: MessageFilter;
}

function park(context: BrokerContext, pull: ToPark): Promise<RemotingCommand | null> {
  const { command, connection, header } = pull;
  return new Promise((resolve) => {
    const outcome = context.pulls.hold.suspend({
      topic: header.topic,
      queueId: header.queueId,
      offset: header.queueOffset,
      filter: pull.filter,
      connectionId: connection.id,
      suspendTimeoutMs: header.suspendTimeoutMillis,
      request: { command, connection, answer: resolve },
    });
    if (outcome === 'parked') return;
    if (outcome === 'message-available') {
      resolve(processPull(context, command, connection, false));
      return;
    }
    const remark = `[PULL_HOLD] ${outcome === 'too-many-parked' ? 'this broker' : 'this connection'} already holds the most parked pulls it keeps; try again later`;
    resolve(createResponse(command, ResponseCode.SYSTEM_BUSY, { remark }));
  });
}

/** The hold service's re-run: answers a parked pull with a fresh processing (never parked again). */
export function rerunParkedPull(context: BrokerContext, parked: ParkedPull<ParkedRequest>): void {
  const { command, connection, answer } = parked.request;
  if (connection.closed) {
    answer(null);
    return;
  }
  processPull(context, command, connection, false).then(answer, (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    context.logger.error({ err: message, topic: parked.topic, queueId: parked.queueId }, 're-running a parked pull failed');
    answer(createResponse(command, ResponseCode.SYSTEM_ERROR, { remark: `pull failed: ${message}` }));
  });
}
