/**
 * CONSUME_MESSAGE_DIRECTLY (309, mqadmin consumeMessage): the message named by `msgId`
 * (an offset message id) is sent to the consumer `clientId` of `consumerGroup` to consume
 * now, with `brokerName` added to the header; the consumer's answer
 * (ConsumeMessageDirectlyResult) comes back unchanged (consumer/call-consumer.ts). A msgId
 * that does not parse or names no record sends no body, as RocketMQ does.
 */
import { ConsumeMessageDirectlyResultRequestHeader } from '../../protocol/headers/consume-message-directly-result-request-header.js';
import { parseOffsetMessageId } from '../../protocol/message/message-id.js';
import { RequestCode } from '../../protocol/request-code.js';
import { setExtField, type ExtFields } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import { callConsumer } from '../consumer/call-consumer.js';

export const consumeMessageDirectly: BrokerHandler = async (context, request) => {
  const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
  const extFields: ExtFields = { ...request.extFields };
  setExtField(extFields, 'brokerName', context.config.brokerName);
  return callConsumer(context, request, {
    code: RequestCode.CONSUME_MESSAGE_DIRECTLY,
    group: header.consumerGroup,
    clientId: header.clientId ?? '',
    extFields,
    body: (await recordOf(context, header.msgId)) ?? request.body,
  });
};

async function recordOf(context: BrokerContext, msgId: string | undefined): Promise<Buffer | null> {
  if (msgId === undefined) return null;
  try {
    return await context.store.selectRecordByOffset(parseOffsetMessageId(msgId).commitLogOffset);
  } catch {
    return null;
  }
}
