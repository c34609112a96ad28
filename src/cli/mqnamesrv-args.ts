/**
 * Command line of `mqnamesrv`, with RocketMQ's flags:
 *
 *   -c, --configFile <file>     name server settings in Java properties format
 *   -p, --printConfigItem       print every setting and exit
 *   -h, --help                  print this help and exit
 *   -n, --namesrvAddr <addr>    accepted for compatibility with RocketMQ's scripts; unused
 */

export interface MqnamesrvArgs {
  configFile: string | null;
  printConfigItem: boolean;
  help: boolean;
}

export const MQNAMESRV_USAGE = [
  'usage: mqnamesrv [-c <file>] [-p] [-h] [-n <addr>]',
  ' -c,--configFile <arg>     Name server config properties file',
  ' -h,--help                 Print help',
  ' -n,--namesrvAddr <arg>    Name server address list, eg: 192.168.0.1:9876;192.168.0.2:9876 (unused by mqnamesrv)',
  ' -p,--printConfigItem      Print all config items',
].join('\n');

const WITH_VALUE: Record<string, 'configFile' | 'namesrvAddr'> = {
  '-c': 'configFile',
  '--configFile': 'configFile',
  '-n': 'namesrvAddr',
  '--namesrvAddr': 'namesrvAddr',
};

/** Parses the arguments; throws an Error whose message says what is wrong. */
export function parseMqnamesrvArgs(argv: readonly string[]): MqnamesrvArgs {
  const args: MqnamesrvArgs = { configFile: null, printConfigItem: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const option = WITH_VALUE[arg];
    if (option !== undefined) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`Missing argument for option: ${arg.replace(/^-+/, '')}`);
      if (option === 'configFile') args.configFile = value;
    } else if (arg === '-p' || arg === '--printConfigItem') {
      args.printConfigItem = true;
    } else if (arg === '-h' || arg === '--help') {
      args.help = true;
    } else {
      throw new Error(`Unrecognized option: ${arg}`);
    }
  }
  return args;
}
