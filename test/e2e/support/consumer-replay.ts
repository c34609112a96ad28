/**
 * Replays the client side of a captured consumer scenario against a broker and collects
 * each captured answer with ours.
 *
 * - Only the broker connections the client opened are replayed; each gets a raw socket of
 *   its own, and the request frames are written as captured (CONSUMER_SEND_MSG_BACK's
 *   commit-log offset is translated to where that message is in our store).
 * - Order: requests go in capture order, but a request waits until every earlier request
 *   whose captured answer came before it has been answered here — so a send that woke a
 *   parked pull in the capture is sent while our pull is parked too, and a request that
 *   followed an answer follows it again. Where the Java broker's thread pools raced (a pull
 *   answered SUBSCRIPTION_NOT_LATEST before the heartbeat sent just ahead of it was
 *   processed), the pull is sent before that heartbeat, as the Java broker processed them.
 * - Before the replay, the messages the scenario's consumers found that were stored before
 *   the capture began (seen in captured FOUND answers, not sent in the scenario) are sent
 *   to the same queues, in queue order, so that the queues start as they did.
 */
import { decodeBatch } from '../../../src/protocol/message/batch.js';
import { parseOffsetMessageId } from '../../../src/protocol/message/message-id.js';
import { decodeMessageRecords, type MessageRecord } from '../../../src/protocol/message/message-record.js';
import { decodeProperties, encodeProperties } from '../../../src/protocol/message/properties.js';
import { decodeTopicRouteData } from '../../../src/protocol/bodies/topic-route-data.js';
import { RequestCode } from '../../../src/protocol/request-code.js';
import { ResponseCode } from '../../../src/protocol/response-code.js';
import type { RemotingClient } from '../../../src/remoting/client.js';
import { createRequest, decodeCommand, encodeCommand, isResponse, type RemotingCommand } from '../../../src/remoting/remoting-command.js';
import { loadFrame, type Manifest, type ManifestFrame } from '../../support/fixtures.js';
import { RawPeer } from '../../support/raw-socket.js';

/** A manifest frame with the fields this replay reads that the shared type leaves out. */
export type CapturedFrame = ManifestFrame & { requestIndex: number | null; codeName: string };

/** The frames of a manifest, typed with requestIndex and codeName. */
export function capturedFrames(manifest: Manifest): CapturedFrame[] {
  return manifest.frames as CapturedFrame[];
}

export interface ReplayedExchange {
  frame: CapturedFrame;
  request: RemotingCommand;
  captured: RemotingCommand | null;
  ours: RemotingCommand | null;
}

export interface ReplayResult {
  exchanges: ReplayedExchange[];
  /** Everything each replayed connection received, in order (answers and the broker's own requests). */
  received: Map<number, RemotingCommand[]>;
}

interface Pending {
  exchange: ReplayedExchange;
  answerIndex: number | null;
  done: Promise<void> | null;
}

const ANSWER_TIMEOUT_MS = 10_000;

export class ConsumerReplay {
  /** Captured commit-log offset → ours, for the messages seen on both sides. */
  private readonly offsets = new Map<number, number>();

  constructor(
    private readonly manifest: Manifest,
    private readonly brokerAddress: string,
    private readonly brokerPort: number,
    private readonly admin: RemotingClient,
  ) {}

  private get scenario(): string {
    return this.manifest.scenario;
  }

  private command(frame: ManifestFrame): RemotingCommand {
    return decodeCommand(loadFrame(this.scenario, frame.file).subarray(4));
  }

  private answerFrame(request: ManifestFrame): CapturedFrame | undefined {
    return capturedFrames(this.manifest).find((frame) => frame.rpcType === 'response' && frame.requestIndex === request.index && frame.connection === request.connection);
  }

  /** The client-opened broker connections of the scenario. */
  private clientConnections(): Set<number> {
    const connections = (this.manifest as unknown as { connections: { connection: number; peer: string; opener: string }[] }).connections;
    return new Set(connections.filter((c) => c.opener === 'client' && c.peer === 'broker').map((c) => c.connection));
  }

  // --- preparing the broker ----------------------------------------------------------------

  /** Creates the scenario's topics with the queue counts its captured routes show. */
  async createTopics(): Promise<void> {
    for (const frame of capturedFrames(this.manifest)) {
      if (frame.peer !== 'namesrv' || frame.rpcType !== 'response' || frame.code !== ResponseCode.SUCCESS || frame.requestCode !== RequestCode.GET_ROUTEINFO_BY_TOPIC) continue;
      const request = this.manifest.frames.find((candidate) => candidate.index === frame.requestIndex);
      const topic = request?.header.extFields?.['topic'] ?? '';
      if (topic === 'TBW102' || topic.startsWith('%')) continue;
      const route = decodeTopicRouteData(this.command(frame).body ?? Buffer.alloc(0));
      const queue = route.queueDatas[0];
      if (!queue) continue;
      const extFields = { topic, defaultTopic: 'TBW102', readQueueNums: String(queue.readQueueNums), writeQueueNums: String(queue.writeQueueNums), perm: String(queue.perm), topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
      const answer = await this.admin.invoke(this.brokerAddress, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
      if (answer.code !== ResponseCode.SUCCESS) throw new Error(`${this.scenario}: cannot create ${topic}: ${answer.remark}`);
    }
  }

  /** Stores the messages that were in the queues before the capture began. */
  async prefill(): Promise<number> {
    const sentKeys = this.uniqueKeysSent();
    const existing = new Map<string, MessageRecord>();
    for (const frame of this.manifest.frames) {
      if (frame.rpcType !== 'response' || frame.requestCode !== RequestCode.PULL_MESSAGE || frame.code !== ResponseCode.SUCCESS) continue;
      for (const record of decodeMessageRecords(this.command(frame).body ?? Buffer.alloc(0))) {
        if (record.topic.startsWith('%') || sentKeys.has(record.properties['UNIQ_KEY'] ?? '')) continue;
        existing.set(`${record.topic}#${record.queueId}#${String(record.queueOffset).padStart(12, '0')}`, record);
      }
    }
    for (const key of [...existing.keys()].sort()) await this.store(existing.get(key) as MessageRecord);
    return existing.size;
  }

  private uniqueKeysSent(): Set<string> {
    const keys = new Set<string>();
    for (const frame of this.manifest.frames) {
      if (frame.rpcType !== 'request' || (frame.code !== RequestCode.SEND_MESSAGE_V2 && frame.code !== RequestCode.SEND_BATCH_MESSAGE)) continue;
      const request = this.command(frame);
      const own = decodeProperties(request.extFields?.['i'] ?? '');
      if (own['UNIQ_KEY']) keys.add(own['UNIQ_KEY']);
      if (request.extFields?.['m'] === 'true') for (const entry of decodeBatch(request.body ?? Buffer.alloc(0))) keys.add(entry.properties['UNIQ_KEY'] ?? '');
    }
    return keys;
  }

  private async store(record: MessageRecord): Promise<void> {
    const { CLUSTER: _cluster, ...properties } = record.properties;
    const extFields = {
      a: 'REPLAY_PREFILL',
      b: record.topic,
      c: 'TBW102',
      d: '4',
      e: String(record.queueId),
      f: String(record.sysFlag),
      g: String(record.bornTimestamp),
      h: String(record.flag),
      i: encodeProperties(properties),
      j: String(record.reconsumeTimes),
      k: 'false',
      m: 'false',
    };
    const answer = await this.admin.invoke(this.brokerAddress, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: record.body }));
    if (answer.code !== ResponseCode.SUCCESS || answer.extFields?.['queueOffset'] !== String(record.queueOffset)) {
      throw new Error(`${this.scenario}: prefilled ${record.topic}:${record.queueId}@${record.queueOffset} got ${answer.code} at ${answer.extFields?.['queueOffset']}`);
    }
    this.offsets.set(record.commitLogOffset, parseOffsetMessageId(answer.extFields['msgId'] ?? '').commitLogOffset);
  }

  // --- replaying ---------------------------------------------------------------------------

  async replay(): Promise<ReplayResult> {
    const connections = this.clientConnections();
    const requests = capturedFrames(this.manifest).filter((frame) => frame.direction === 'c2s' && frame.rpcType === 'request' && connections.has(frame.connection));
    const peers = new Map<number, RawPeer>();
    const pending: Pending[] = [];
    try {
      for (const frame of this.processingOrder(requests)) {
        await Promise.all(pending.filter((p) => p.answerIndex !== null && p.answerIndex < frame.index).map((p) => p.done));
        let peer = peers.get(frame.connection);
        if (!peer) {
          peer = await RawPeer.open(this.brokerPort);
          peers.set(frame.connection, peer);
        }
        pending.push(this.send(peer, frame));
      }
      await Promise.all(pending.filter((p) => p.answerIndex !== null).map((p) => p.done));
      const received = new Map([...peers].map(([connection, peer]) => [connection, [...peer.received]]));
      return { exchanges: pending.map((p) => p.exchange), received };
    } finally {
      for (const peer of peers.values()) peer.destroy();
    }
  }

  /** Capture order, except pulls answered SUBSCRIPTION_NOT_LATEST go before the requests the Java broker processed after them. */
  private processingOrder(requests: CapturedFrame[]): CapturedFrame[] {
    const order = [...requests];
    for (const pull of requests) {
      const answer = this.answerFrame(pull);
      if (answer?.code !== ResponseCode.SUBSCRIPTION_NOT_LATEST) continue;
      const overtaken = order.find((other) => other.index < pull.index && other.connection === pull.connection && (this.answerFrame(other)?.index ?? Infinity) > answer.index);
      if (!overtaken) continue;
      order.splice(order.indexOf(pull), 1);
      order.splice(order.indexOf(overtaken), 0, pull);
    }
    return order;
  }

  private send(peer: RawPeer, frame: CapturedFrame): Pending {
    const request = this.command(frame);
    const capturedFrame = this.answerFrame(frame);
    const exchange: ReplayedExchange = { frame, request, captured: capturedFrame ? this.command(capturedFrame) : null, ours: null };
    peer.write(this.rewrite(frame, request));
    if ((request.flag & 2) !== 0) return { exchange, answerIndex: null, done: null };
    const done = this.answerOf(peer, request.opaque).then((answer) => {
      exchange.ours = answer;
      this.learnOffsets(exchange);
    });
    done.catch(() => undefined);
    return { exchange, answerIndex: capturedFrame?.index ?? null, done };
  }

  private async answerOf(peer: RawPeer, opaque: number): Promise<RemotingCommand> {
    const match = (command: RemotingCommand): boolean => isResponse(command) && command.opaque === opaque;
    await peer.until(() => peer.received.some(match) || peer.closed, ANSWER_TIMEOUT_MS);
    const answer = peer.received.find(match);
    if (!answer) throw new Error(`${this.scenario}: no answer to opaque ${opaque}`);
    return answer;
  }

  /** CONSUMER_SEND_MSG_BACK names a commit-log offset: ours, not the Java broker's. */
  private rewrite(frame: ManifestFrame, request: RemotingCommand): Buffer {
    if (request.code !== RequestCode.CONSUMER_SEND_MSG_BACK) return loadFrame(this.scenario, frame.file);
    const captured = Number(request.extFields?.['offset']);
    const ours = this.offsets.get(captured);
    if (ours === undefined) throw new Error(`${this.scenario}: no message of ours for commit-log offset ${captured}`);
    return encodeCommand({ ...request, extFields: { ...request.extFields, offset: String(ours) } });
  }

  private learnOffsets(exchange: ReplayedExchange): void {
    if (exchange.request.code !== RequestCode.PULL_MESSAGE || exchange.captured?.code !== ResponseCode.SUCCESS || exchange.ours?.code !== ResponseCode.SUCCESS) return;
    const captured = decodeMessageRecords(exchange.captured.body ?? Buffer.alloc(0));
    const ours = decodeMessageRecords(exchange.ours.body ?? Buffer.alloc(0));
    captured.forEach((record, index) => {
      const mine = ours[index];
      if (mine) this.offsets.set(record.commitLogOffset, mine.commitLogOffset);
    });
  }
}
