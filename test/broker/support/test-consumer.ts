/**
 * A consumer as the broker sees one, driven by hand over a real connection of its own: it
 * sends heartbeats, pulls, offset requests and admin requests with the headers a 4.9.8
 * Java client writes, and records the requests the broker sends it (NOTIFY 40, RESET 220,
 * relays 307 / 309 answered with `answers`).
 */
import { encodeHeartbeatData, type ConsumerData, type MessageModel } from '../../../src/protocol/bodies/heartbeat-data.js';
import type { SubscriptionData } from '../../../src/protocol/bodies/subscription-data.js';
import { javaStringHash } from '../../../src/protocol/message/tag-hash.js';
import { RequestCode } from '../../../src/protocol/request-code.js';
import { ResponseCode } from '../../../src/protocol/response-code.js';
import { RemotingClient } from '../../../src/remoting/client.js';
import type { RemotingConnection } from '../../../src/remoting/connection.js';
import { createRequest, createResponse, type ExtFields, type RemotingCommand } from '../../../src/remoting/remoting-command.js';

export interface PullFields {
  consumerGroup: string;
  topic: string;
  queueId?: number;
  queueOffset?: number;
  maxMsgNums?: number;
  sysFlag?: number;
  commitOffset?: number;
  suspendTimeoutMillis?: number;
  subscription?: string;
  subVersion?: number;
  expressionType?: string;
}

/** A TAG subscription as a Java client builds it. */
export function tagSubscription(topic: string, expression = '*', subVersion = 1): SubscriptionData {
  const tags = expression === '*' ? [] : expression.split('||').map((tag) => tag.trim()).filter((tag) => tag !== '');
  return { topic, subString: expression, tagsSet: tags, codeSet: tags.map(javaStringHash), subVersion, expressionType: 'TAG', classFilterMode: false };
}

export function consumerData(group: string, subscriptions: SubscriptionData[], messageModel: MessageModel = 'CLUSTERING'): ConsumerData {
  return {
    groupName: group,
    consumeType: 'CONSUME_PASSIVELY',
    messageModel,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    subscriptionDataSet: subscriptions,
    unitMode: false,
  };
}

/** The header of a pull (a Java push consumer's, sysFlag 2, unless given). */
export function pullHeader(fields: PullFields): ExtFields {
  const header: ExtFields = {
    consumerGroup: fields.consumerGroup,
    topic: fields.topic,
    queueId: String(fields.queueId ?? 0),
    queueOffset: String(fields.queueOffset ?? 0),
    maxMsgNums: String(fields.maxMsgNums ?? 32),
    sysFlag: String(fields.sysFlag ?? 2),
    commitOffset: String(fields.commitOffset ?? 0),
    suspendTimeoutMillis: String(fields.suspendTimeoutMillis ?? 15_000),
    subVersion: String(fields.subVersion ?? 0),
  };
  if (fields.subscription !== undefined) header['subscription'] = fields.subscription;
  if (fields.expressionType !== undefined) header['expressionType'] = fields.expressionType;
  return header;
}

export class TestConsumer {
  readonly remoting = new RemotingClient({ requestTimeoutMs: 30_000 });
  /** Requests the broker sent to this client, in order. */
  readonly received: RemotingCommand[] = [];
  /** How this client answers relayed requests (307, 309), by code. */
  readonly answers = new Map<number, (request: RemotingCommand) => RemotingCommand | null>();

  constructor(
    readonly address: string,
    readonly clientId: string,
  ) {
    for (const code of [RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, RequestCode.RESET_CONSUMER_CLIENT_OFFSET, RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY]) {
      this.remoting.registerHandler(code, (request) => {
        this.received.push(request);
        const answer = this.answers.get(code);
        return answer ? answer(request) : code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED || code === RequestCode.RESET_CONSUMER_CLIENT_OFFSET ? null : createResponse(request, ResponseCode.SUCCESS);
      });
    }
  }

  connection(): Promise<RemotingConnection> {
    return this.remoting.connection(this.address);
  }

  invoke(code: number, extFields: ExtFields | null = null, body: Buffer | null = null, timeoutMs?: number): Promise<RemotingCommand> {
    return this.remoting.invoke(this.address, createRequest(code, { extFields, body }), timeoutMs);
  }

  heartbeat(consumers: ConsumerData[], producerGroups: string[] = []): Promise<RemotingCommand> {
    const body = encodeHeartbeatData({ clientID: this.clientId, consumerDataSet: consumers, producerDataSet: producerGroups.map((groupName) => ({ groupName })) });
    return this.invoke(RequestCode.HEART_BEAT, null, body);
  }

  pull(fields: PullFields, timeoutMs?: number): Promise<RemotingCommand> {
    return this.invoke(RequestCode.PULL_MESSAGE, pullHeader(fields), null, timeoutMs);
  }

  notificationsOf(code: number): RemotingCommand[] {
    return this.received.filter((request) => request.code === code);
  }

  close(): Promise<void> {
    return this.remoting.shutdown();
  }
}
