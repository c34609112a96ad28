import { describe, expect, it } from 'vitest';
import { parseMqnamesrvArgs } from './mqnamesrv-args.js';

describe('mqnamesrv arguments', () => {
  it('take RocketMQ\'s short and long flags', () => {
    expect(parseMqnamesrvArgs(['-c', 'a.conf', '-p'])).toEqual({ configFile: 'a.conf', printConfigItem: true, help: false });
    expect(parseMqnamesrvArgs(['--configFile', 'b.conf', '--help', '-n', '127.0.0.1:9876'])).toEqual({
      configFile: 'b.conf',
      printConfigItem: false,
      help: true,
    });
    expect(parseMqnamesrvArgs([])).toEqual({ configFile: null, printConfigItem: false, help: false });
  });

  it('reject unknown flags and flags missing their value', () => {
    expect(() => parseMqnamesrvArgs(['-x'])).toThrow('Unrecognized option: -x');
    expect(() => parseMqnamesrvArgs(['-c'])).toThrow('Missing argument for option: c');
  });
});
