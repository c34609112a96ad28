import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { decodeHeartbeatData, encodeHeartbeatData } from './heartbeat-data.js';

const javaHeartbeat =
  '{"clientID":"10.0.0.1@1234#5678","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY",' +
  '"groupName":"G1","messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[],"expressionType":"TAG",' +
  '"subString":"*","subVersion":1700000000001,"tagsSet":[],"topic":"%RETRY%G1"},{"classFilterMode":false,"codeSet":[2598919,2598920],' +
  '"expressionType":"TAG","subString":"TagA || TagB","subVersion":1700000000000,"tagsSet":["TagA","TagB"],"topic":"T1"}],"unitMode":false}],' +
  '"producerDataSet":[{"groupName":"CLIENT_INNER_PRODUCER"}]}';

const aliOnsHeartbeat =
  '{"clientID":"10.0.0.2@22784","consumerDataSet":[{"groupName":"ALI_CG","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",' +
  '"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","subscriptionDataSet":[{"topic":"TopicTest","subString":"TagA","classFilterMode":false,' +
  '"tagsSet":["TagA"],"codeSet":[2598919],"subVersion":1795537748311}],"unitMode":false}],"producerDataSet":[{"groupName":"CLIENT_INNER_PRODUCER"}]}';

describe('HeartbeatData', () => {
  it('re-encodes a Java 4.9.8 heartbeat byte for byte (fastjson property order)', () => {
    expect(encodeHeartbeatData(decodeHeartbeatData(javaHeartbeat)).toString('utf8')).toBe(javaHeartbeat);
  });

  it('reads an ali-ons heartbeat: its own property order, no expressionType (reads as TAG)', () => {
    const heartbeat = decodeHeartbeatData(aliOnsHeartbeat);
    expect(heartbeat.clientID).toBe('10.0.0.2@22784');
    expect(heartbeat.consumerDataSet[0]?.consumeFromWhere).toBe('CONSUME_FROM_FIRST_OFFSET');
    expect(heartbeat.consumerDataSet[0]?.subscriptionDataSet[0]).toEqual({
      topic: 'TopicTest',
      subString: 'TagA',
      tagsSet: ['TagA'],
      codeSet: [2598919],
      subVersion: 1795537748311,
      expressionType: 'TAG',
      classFilterMode: false,
    });
  });

  it('rejects an unknown consume type, naming where it is', () => {
    let error: unknown = null;
    try {
      decodeHeartbeatData('{"clientID":"c","consumerDataSet":[{"groupName":"G","consumeType":"PUSH"}]}');
    } catch (caught) {
      error = caught;
    }
    expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
    expect((error as Error).message).toContain('HeartbeatData: consumerDataSet[0].consumeType is not one of');
  });
});
