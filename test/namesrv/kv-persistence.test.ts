/**
 * The KV table survives a restart of the `mqnamesrv` process: it is written to
 * kvConfigPath (RocketMQ's file shape) on every change and loaded at start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NamesrvProcess, temporaryDirectory } from './support/namesrv-process.js';

describe('mqnamesrv KV config across restarts', () => {
  const tmp = temporaryDirectory('namesrv-kv-');
  const kvConfigPath = `${tmp.dir}/store/kvConfig.json`;
  const settings = { listenPort: 0, kvConfigPath };
  const running: NamesrvProcess[] = [];

  afterAll(async () => {
    for (const namesrv of running) await namesrv.stop();
    tmp.remove();
  });

  async function withServer<T>(use: (client: RemotingClient, address: string) => Promise<T>): Promise<T> {
    const namesrv = await NamesrvProcess.start(`${tmp.dir}/namesrv.conf`, settings);
    running.push(namesrv);
    const client = new RemotingClient();
    try {
      return await use(client, namesrv.address);
    } finally {
      await client.shutdown();
      expect(await namesrv.stop()).toBe(0);
    }
  }

  it('keeps what was put and drops what was deleted', async () => {
    await withServer(async (client, address) => {
      const put = (key: string, value: string) =>
        client.invoke(address, createRequest(RequestCode.PUT_KV_CONFIG, { extFields: { namespace: 'ORDER_TOPIC_CONFIG', key, value } }));
      expect((await put('TopicA', 'broker-a:4')).code).toBe(ResponseCode.SUCCESS);
      expect((await put('TopicB', 'broker-a:8')).code).toBe(ResponseCode.SUCCESS);
      const deleted = await client.invoke(
        address,
        createRequest(RequestCode.DELETE_KV_CONFIG, { extFields: { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicB' } }),
      );
      expect(deleted.code).toBe(ResponseCode.SUCCESS);
    });
    expect(JSON.parse(readFileSync(kvConfigPath, 'utf8'))).toEqual({ configTable: { ORDER_TOPIC_CONFIG: { TopicA: 'broker-a:4' } } });
    expect(existsSync(`${kvConfigPath}.bak`)).toBe(true);

    await withServer(async (client, address) => {
      const get = (key: string) =>
        client.invoke(address, createRequest(RequestCode.GET_KV_CONFIG, { extFields: { namespace: 'ORDER_TOPIC_CONFIG', key } }));
      const kept = await get('TopicA');
      expect([kept.code, kept.extFields]).toEqual([ResponseCode.SUCCESS, { value: 'broker-a:4' }]);
      expect((await get('TopicB')).code).toBe(ResponseCode.QUERY_NOT_FOUND);
    });
  });
});
