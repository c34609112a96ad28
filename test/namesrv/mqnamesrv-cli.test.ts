/** The `mqnamesrv` command line: -p, -h, bad flags and bad settings, as a real process. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/common/properties-file.js';
import { temporaryDirectory } from './support/namesrv-process.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function mqnamesrv(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/mqnamesrv.ts', ...args], { cwd: projectRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mqnamesrv command line', () => {
  const tmp = temporaryDirectory('namesrv-cli-');
  afterAll(() => tmp.remove());

  it('-p prints the effective settings, from the -c file over the defaults, and exits', () => {
    const configFile = `${tmp.dir}/namesrv.conf`;
    writeFileSync(configFile, '# test\nlistenPort = 19876\norderMessageEnable:true\nkvConfigPath=/data/kv\\\n.json\n');
    const { status, stdout } = mqnamesrv('-c', configFile, '-p');
    expect(status).toBe(0);
    const [loaded, ...rest] = stdout.split('\n');
    expect(loaded).toBe(`load config properties file OK, ${configFile}`);
    const printed = parseProperties(rest.join('\n'));
    expect(Object.fromEntries(printed)).toMatchObject({
      listenPort: '19876',
      orderMessageEnable: 'true',
      kvConfigPath: '/data/kv.json',
      configStorePath: configFile,
      bindAddress: '127.0.0.1',
      scanNotActiveBrokerInterval: '10000',
    });
  });

  it('-h prints the usage', () => {
    const { status, stdout } = mqnamesrv('-h');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^usage: mqnamesrv/);
    expect(stdout).toContain('-c,--configFile');
  });

  it('refuses an unknown flag, a missing file and a setting of the wrong type', () => {
    expect(mqnamesrv('--bogus')).toMatchObject({ status: 1, stderr: expect.stringContaining('Unrecognized option: --bogus') });
    expect(mqnamesrv('-c', `${tmp.dir}/missing.conf`)).toMatchObject({ status: 1, stderr: expect.stringContaining('cannot load config file') });
    const bad = `${tmp.dir}/bad.conf`;
    writeFileSync(bad, 'listenPort=abc\n');
    expect(mqnamesrv('-c', bad)).toMatchObject({ status: 1, stderr: expect.stringContaining('listenPort: "abc" is not a valid int') });
  });
});
