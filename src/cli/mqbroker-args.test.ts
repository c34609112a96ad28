import { describe, expect, it } from 'vitest';
import { parseMqbrokerArgs } from './mqbroker-args.js';

describe('mqbroker arguments', () => {
  it("take RocketMQ's short and long flags", () => {
    expect(parseMqbrokerArgs(['-c', 'broker.conf', '-n', '127.0.0.1:9876', '-p'])).toEqual({
      configFile: 'broker.conf',
      namesrvAddr: '127.0.0.1:9876',
      printConfigItem: true,
      printImportantConfig: false,
      help: false,
    });
    expect(parseMqbrokerArgs(['--configFile', 'b.conf', '--printImportantConfig', '--help'])).toMatchObject({
      configFile: 'b.conf',
      printImportantConfig: true,
      help: true,
    });
    expect(parseMqbrokerArgs([])).toEqual({ configFile: null, namesrvAddr: null, printConfigItem: false, printImportantConfig: false, help: false });
  });

  it('reject unknown flags and flags missing their value', () => {
    expect(() => parseMqbrokerArgs(['-x'])).toThrow('Unrecognized option: -x');
    expect(() => parseMqbrokerArgs(['-n'])).toThrow('Missing argument for option: n');
  });
});
