/**
 * The `mqbroker` command as a real process: -p / -m / -h, bad flags and settings, the boot
 * line, registration with the name server given by -n, and SIGTERM: unregistered, store
 * stopped cleanly, exit code 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/common/properties-file.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest } from '../../src/remoting/remoting-command.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { BrokerProcess } from './support/broker-process.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = temporaryDirectory('mqbroker-cli-');
afterAll(() => tmp.remove());

function mqbroker(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/mqbroker.ts', ...args], { cwd: projectRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mqbroker command line', () => {
  it('-p prints every setting from the -c file over the defaults, -n over namesrvAddr, and warns of unknown keys', () => {
    const configFile = join(tmp.dir, 'broker.conf');
    writeFileSync(configFile, 'brokerName=broker-x\nlistenPort = 20911\nflushDiskType=SYNC_FLUSH\nnamesrvAddr=10.0.0.1:9876\nsendMessageThreadPoolNums=8\n');
    const { status, stdout, stderr } = mqbroker('-c', configFile, '-n', '127.0.0.1:9876', '-p');
    expect(status).toBe(0);
    const [loaded, ...rest] = stdout.split('\n');
    expect(loaded).toBe(`load config properties file OK, ${configFile}`);
    expect(Object.fromEntries(parseProperties(rest.join('\n')))).toMatchObject({
      brokerName: 'broker-x',
      listenPort: '20911',
      flushDiskType: 'SYNC_FLUSH',
      namesrvAddr: '127.0.0.1:9876',
      brokerConfigPath: configFile,
      brokerClusterName: 'DefaultCluster',
      maxMessageSize: '4194304',
      mappedFileSizeCommitLog: '1073741824',
    });
    expect(stderr).toContain('warning: "sendMessageThreadPoolNums" is not a setting of this broker; ignored');
    const important = mqbroker('-c', configFile, '-m');
    expect(parseProperties(important.stdout.split('\n').slice(1).join('\n')).size).toBeLessThan(20);
  });

  it('-h prints the usage; bad flags, bad values and impossible settings stop it with a message', () => {
    expect(mqbroker('-h')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^usage: mqbroker/) });
    expect(mqbroker('--bogus')).toMatchObject({ status: 1, stderr: expect.stringContaining('Unrecognized option: --bogus') });
    const bad = join(tmp.dir, 'bad.conf');
    writeFileSync(bad, 'listenPort=abc\n');
    expect(mqbroker('-c', bad)).toMatchObject({ status: 1, stderr: expect.stringContaining('listenPort: "abc" is not a valid int') });
    writeFileSync(bad, 'brokerRole=SLAVE\nbrokerId=0\n');
    expect(mqbroker('-c', bad)).toMatchObject({ status: 3, stderr: expect.stringContaining("Slave's brokerId must be > 0") });
    expect(mqbroker('-n', 'not-an-address')).toMatchObject({ status: 3, stderr: expect.stringContaining('The Name Server Address[not-an-address] illegal') });
  });

  it('boots, registers with the name server of -n, and on SIGTERM unregisters and stops cleanly', async () => {
    const nameServer = await NamesrvProcess.start(join(tmp.dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(tmp.dir, 'kv.json') });
    const client = new RemotingClient();
    try {
      const storeDir = join(tmp.dir, 'store');
      const broker = await BrokerProcess.start(join(tmp.dir, 'run.conf'), { brokerName: 'broker-cli', listenPort: 0, storePathRootDir: storeDir }, nameServer.address);
      expect(broker.output).toContain(`The broker[broker-cli, ${broker.address}] boot success. serializeType=JSON and name server is ${nameServer.address}`);
      expect(broker.vipPort).toBe(broker.port - 2);
      const cluster = await client.invoke(nameServer.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
      expect(cluster.body?.toString()).toContain(broker.address);
      expect(existsSync(join(storeDir, 'abort'))).toBe(true);
      expect(await broker.stop()).toBe(0);
      expect(existsSync(join(storeDir, 'abort'))).toBe(false);
      const route = await client.invoke(nameServer.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TBW102' } }));
      expect(route.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    } finally {
      await client.shutdown();
      await nameServer.stop();
    }
  });
});
